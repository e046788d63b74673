// Replaced at build time with the version from package.json.
declare const __DOA_VERSION__: string | undefined;
export const VERSION: string = typeof __DOA_VERSION__ === 'string' ? __DOA_VERSION__ : '0.0.0-dev';
