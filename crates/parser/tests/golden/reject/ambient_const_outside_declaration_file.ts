// Outside a declaration file a const needs an initializer.
export const version: string;
