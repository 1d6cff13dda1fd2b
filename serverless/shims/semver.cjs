'use strict';

// What function bundles get for `semver` (alias in service-defaults.yml): aws-xray-sdk-core, under the
// Powertools tracer, requires the whole package only to call `gte` on the AWS SDK v2 version it patches
// (patchers/aws_p.js). The same semver, its one function: 30 KB less in every bundle (ADR-010).
// The path, not the package name: the alias would send `semver/…` back here.
module.exports = { gte: require('../../node_modules/semver/functions/gte') };
