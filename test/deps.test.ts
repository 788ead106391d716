// Libraries loaded with require or on first use (src/deps.ts) stay single instances.
import { describe, expect, it } from 'vitest';
import { fastXmlParser, libPhoneNumber, luxon, requireCommonJs } from '../src/deps.js';

describe('libraries loaded on first use', () => {
  it('are the same instances a static import gets (one luxon, so DateTime passes instanceof everywhere)', async () => {
    expect(luxon().DateTime).toBe((await import('luxon')).DateTime);
    expect(fastXmlParser().XMLParser).toBe((await import('fast-xml-parser')).XMLParser);
    expect(libPhoneNumber().parsePhoneNumberFromString).toBe((await import('libphonenumber-js/max')).parsePhoneNumberFromString);
  });

  it('require CommonJS packages as the same instance an import gives', async () => {
    expect(requireCommonJs('moo')).toBe((await import('moo')).default);
    expect(requireCommonJs('nearley')).toBe((await import('nearley')).default);
  });

  it('load once', () => {
    expect(luxon()).toBe(luxon());
  });
});
