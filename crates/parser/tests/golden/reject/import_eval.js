import { eval } from "m";
