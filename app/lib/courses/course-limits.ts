// The limits on a course package, in one place for the upload form and the package reader.

/** The largest package accepted, counted as uploaded and again as its files are unpacked. */
export const MAX_PACKAGE_BYTES = 500 * 1024 * 1024
/** The largest single file in a package (a long video is the usual reason to come near it). */
export const MAX_FILE_BYTES = 200 * 1024 * 1024
/** The most files a package may hold. */
export const MAX_FILES = 10_000
/** The largest cmi5.xml read (a thousand AUs take about 1 MB). */
export const MAX_COURSE_STRUCTURE_BYTES = 10 * 1024 * 1024

export const PACKAGE_TOO_LARGE = 'The file must be smaller than 500 MB'
