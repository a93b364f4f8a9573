export { FileSink, defaultRowEncoder, type FileTransaction, type RowEncoder } from "./file-sink.js";
export { isCommittedPartFile, parsePartFileName, partFileName, type PartFile, type PartFileState } from "./part-file-names.js";
