import { defineErrors } from './errors.js';

/** Errors of uploads and .xlsx imports (lib/uploads.ts, lib/xlsx-reader.ts). */
export const uploadErrors = defineErrors('uploads', {
  UPLOAD_INVALID: {
    kind: 'bad_request',
    zh: '附件格式不正确，请重新选择文件。',
    en: 'The attachment is not in a valid format; please choose the file again.',
  },
  UPLOAD_EMPTY: {
    kind: 'bad_request',
    zh: '附件是空文件，请重新选择。',
    en: 'The attachment is an empty file; please choose another.',
  },
  UPLOAD_TYPE_MISMATCH: {
    kind: 'unsupported_media',
    zh: '文件内容（{actual}）与声明的类型（{declared}）不符，已拒绝。请上传原始文件，不要只改扩展名。',
    en: 'The file content ({actualEn}) does not match its declared type ({declared}), so it was refused. Upload the original file rather than renaming its extension.',
  },
  UPLOAD_TYPE_NOT_ALLOWED: {
    kind: 'unsupported_media',
    zh: '不支持该文件类型（{declared}），请上传 {allowed} 文件。',
    en: 'This file type ({declared}) is not supported; please upload a {allowedEn} file.',
  },
  IMPORT_FILE_MISSING: {
    kind: 'bad_request',
    zh: '请以表单方式上传 .xlsx 文件（字段名 file）。',
    en: 'Upload the .xlsx file as a form (field name "file").',
  },
  IMPORT_FILE_INVALID: {
    kind: 'bad_request',
    zh: '这是旧版 .xls 或加密的 Excel 文件，请另存为 .xlsx（不加密）后再上传。',
    en: 'This is an old .xls or an encrypted Excel file; save it as an unencrypted .xlsx and upload again.',
  },
  IMPORT_BUSY: {
    kind: 'rate_limited',
    zh: '本区正在进行另一项导入，请等它完成后再试（通常不超过一两分钟）。',
    en: 'Another import is running for this district; please try again when it has finished (usually within a minute or two).',
  },
});

/** The multipart request carried no file. */
export const noFileErrors = defineErrors('uploads.no-file', {
  IMPORT_FILE_MISSING: {
    kind: 'bad_request',
    zh: '请选择要上传的 .xlsx 文件。',
    en: 'Please choose the .xlsx file to upload.',
  },
});

/** Reading an .xlsx import (lib/xlsx-reader.ts). */
export const xlsxErrors = defineErrors('xlsx-reader', {
  IMPORT_TOO_LARGE_UNCOMPRESSED: {
    kind: 'too_large',
    zh: '文件解压后超过 {mb} MB，无法导入。请删除多余的工作表、图片和格式，或拆分文件后再上传。',
    en: 'The file is larger than {mb} MB once unpacked and cannot be imported. Remove extra sheets, pictures and formatting, or split the file, and upload again.',
  },
  IMPORT_TOO_MANY_ROWS: {
    kind: 'bad_request',
    zh: '一次最多导入 {maxRows} 行，请拆分文件。',
    en: 'At most {maxRows} rows can be imported at once; please split the file.',
  },
  IMPORT_FILE_INVALID: {
    kind: 'bad_request',
    zh: '无法读取该文件。请上传由模板填写的 Excel（.xlsx）文件，不支持 .xls、.csv 或加密文件。',
    en: 'This file cannot be read. Upload an Excel (.xlsx) file filled in from the template; .xls, .csv and encrypted files are not supported.',
  },
});

/** The shared strings of a workbook would not fit in the allowed rows. */
export const xlsxStringsErrors = defineErrors('xlsx-reader.strings', {
  IMPORT_TOO_MANY_ROWS: {
    kind: 'bad_request',
    zh: '文件中的文字条目超过 {maxRows} 行所能容纳的数量，请删除多余的工作表或拆分文件（一次最多导入 {maxRows} 行）。',
    en: 'The file holds more text entries than {maxRows} rows can contain; remove extra sheets or split the file (at most {maxRows} rows at once).',
  },
});

/** The workbook has no worksheet. */
export const xlsxNoSheetErrors = defineErrors('xlsx-reader.no-sheet', {
  IMPORT_FILE_INVALID: {
    kind: 'bad_request',
    zh: '文件中没有工作表。',
    en: 'The file contains no worksheet.',
  },
});
