export { tagDocument, type NameSpan, type NameType } from './tagger.js';
