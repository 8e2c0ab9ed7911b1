import source { x } from "m";
