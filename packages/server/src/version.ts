/** The server's version, reported by /health and /openapi.json. */
export const ENGRAM_VERSION = '0.1.0';
