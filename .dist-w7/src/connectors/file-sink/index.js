export { FileSink, defaultRowEncoder } from "./file-sink.js";
export { isCommittedPartFile, parsePartFileName, partFileName } from "./part-file-names.js";
//# sourceMappingURL=index.js.map