/** A problem with the build worth one line to the user (what is missing or refused, and where). */
export class BuildError extends Error {}
