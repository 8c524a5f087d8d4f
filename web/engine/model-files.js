// The model folder's files, in the order the engine takes their bytes: one list for the
// worker that loads them and for the extension build that ships them.
export const MODEL_FILES = ['encoder.onnx', 'decoder.onnx', 'tokenizer.json', 'config.json'];
export const SPELLING_FILES = ['en.aff', 'en.dic', 'en.ngrams', 'en.irregular', 'en.compounds', 'en.dialects']; // the speller run before the model
