export declare function openApiJson(): string;
