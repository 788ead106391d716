// The tenant's public surface: loading, the store interface and its two
// implementations, sections, and the prospect pipeline's building blocks.
export { loadTenant, emptyTenant, tenantFromData, openCheckedTenant, loadCheckedTenant, openStateFile, checkTenantFile, checkTenantText } from './tenant.js';
export type { Tenant, TenantOptions } from './tenant.js';
export type { BackgroundProcess, ProcessServices } from '../contract/process.js';
export type * from '../contract/tenant-store.js';
export { isPcTarget, whyNotPcTarget } from './skills.js';
export { MemoryTenantStore } from './memory-store.js';
export { SqliteTenantStore } from './sqlite-store.js';
export { TENANT_SECTIONS } from './sections.js';
export { defineSection } from './section.js';
export type { TenantSection, TenantDocument, Locate, DocPath, SectionLoadInfo } from './section.js';
export { tenantSchema } from './schema.js';
export { SkillDialer, dialersFor } from './dialer.js';
export { normalizePhone } from './phones.js';
export { resolveZoneName, zoneFromNorthAmericanNumber } from './zones.js';
