import defer { x } from "m";
