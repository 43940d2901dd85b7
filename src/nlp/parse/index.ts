export { parseTokens, type ParsedSentence } from './parser.js';
