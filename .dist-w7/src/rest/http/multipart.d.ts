export interface MultipartPart {
    name: string;
    filename?: string;
    contentType?: string;
    data: Buffer;
}
export declare function boundaryOf(contentType: string | undefined): string;
export declare function parseMultipart(body: Buffer, boundary: string): MultipartPart[];
