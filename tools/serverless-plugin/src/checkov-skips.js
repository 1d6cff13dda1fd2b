'use strict';

const { waivers: PLATFORM_WAIVERS } = require('./checkov-waivers.json');

/** checkov's check ids: `CKV_AWS_115`, `CKV2_AWS_5`. */
const CHECKOV_ID = /^CKV2?_[A-Z]+_\d+$/;

/**
 * Writes checkov's suppressions into the template, where checkov reads them: each resource's
 * `Metadata.checkov.skip` gets `{ id, comment }`, the comment being the reason. Two sources: the
 * platform's waivers (checkov-waivers.json, by resource type and optionally logical id) and the
 * service's own `custom.policy.suppress` entries that name a checkov id (on the named resource, or
 * every resource when none is named). Entries without a reason are left out: tools/policy reports
 * them (SFP-POLICY-001), and checkov then reports the finding they meant to suppress.
 * Returns the number of skips written.
 *
 * @param {{ Resources?: Record<string, { Type: string, Metadata?: Record<string, any> }> }} template
 * @param {unknown[]} [suppress] `custom.policy.suppress`
 */
function writeCheckovSkips(template, suppress = []) {
  const resources = template.Resources || {};
  let written = 0;
  const skip = (logicalId, id, reason) => {
    const resource = resources[logicalId];
    if (!resource) return;
    resource.Metadata = resource.Metadata || {};
    const checkov = (resource.Metadata.checkov = resource.Metadata.checkov || {});
    checkov.skip = checkov.skip || [];
    if (checkov.skip.some((entry) => entry.id === id)) return;
    checkov.skip.push({ id, comment: reason });
    written += 1;
  };
  for (const waiver of PLATFORM_WAIVERS) {
    for (const [logicalId, resource] of Object.entries(resources)) {
      if (resource.Type !== waiver.type) continue;
      if (waiver.resource && waiver.resource !== logicalId) continue;
      skip(logicalId, waiver.id, waiver.reason);
    }
  }
  for (const entry of Array.isArray(suppress) ? suppress : []) {
    if (!entry || typeof entry.id !== 'string' || !CHECKOV_ID.test(entry.id)) continue;
    if (typeof entry.reason !== 'string' || entry.reason.trim() === '') continue;
    const targets = typeof entry.resource === 'string' ? [entry.resource] : Object.keys(resources);
    for (const logicalId of targets) skip(logicalId, entry.id, entry.reason.trim());
  }
  return written;
}

module.exports = { PLATFORM_WAIVERS, writeCheckovSkips };
