export interface JarInfo {
    id: string;
    name: string;
    uploaded: number;
    size: number;
}
export declare class InvalidJarError extends Error {
    name: string;
}
export declare class JarStore {
    readonly dir: string;
    constructor(dir: string);
    /** Stores a bundle; the same content uploaded twice is one jar. */
    put(content: Buffer, originalName: string | undefined): JarInfo;
    list(): JarInfo[];
    info(id: string): JarInfo | undefined;
    /** The bundle file of a jar (ids are validated hashes, so the path stays inside the store). */
    bundleFile(id: string): string | undefined;
    read(id: string): string | undefined;
    delete(id: string): boolean;
    private bundlePath;
    private metaPath;
    private writeAtomically;
}
