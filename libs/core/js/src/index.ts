// JavaScript and TypeScript syntax shared by every category that reads code (Node.js,
// Quality, Architecture, WebDesign): one parser configuration, so a syntax error sits at the
// same line and column in every tool, and one walker over Babel's AST.
export { BABEL_PARSER_OPTIONS, BABEL_PLUGINS, babelOptionsFor } from './babel-config';
export { parseJs, toParseError, type ParseJsOptions } from './parse';
export { FUNCTION_TYPES, childNodes, isFunction, isNode, memberPath, walk, type Visitor } from './walk';
export { VISITOR_KEYS } from './visitor-keys';
