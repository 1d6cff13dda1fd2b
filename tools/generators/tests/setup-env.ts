// Runs before each test file (jest `setupFiles`). Inside jest, formatFiles cannot load prettier
// (an ES module, loaded with a dynamic import jest does not support without a flag): it would warn
// once per run. The templates are already formatted; the slow end-to-end test generates in a real
// Node process, with prettier, and checks the formatting.
process.env['NX_SKIP_FORMAT'] = 'true';
