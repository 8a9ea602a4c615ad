import { zhTable } from "./en";

export const zh = zhTable;
