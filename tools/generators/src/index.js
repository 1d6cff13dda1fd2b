'use strict';

/**
 * @platform/tools — the platform's Nx plugin. Generators are registered in ../generators.json
 * (`nx g @platform/tools:service payments`); this entry exposes them for programmatic use.
 */
const { serviceGenerator } = require('./service/generator');
const { PlatformToolsError, ServiceOptionsError } = require('./errors');

module.exports = { serviceGenerator, PlatformToolsError, ServiceOptionsError };
