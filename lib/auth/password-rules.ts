/** Password length bounds: the forms' schemas (lib) and the hashing (db/password.ts) share them. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;
