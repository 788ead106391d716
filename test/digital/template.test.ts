import { describe, expect, it } from 'vitest';
import { parseTemplate, renderTemplate } from '../../src/tenant/digital/template.js';

const render = (body: string, values: Record<string, unknown>) => renderTemplate(parseTemplate(body), values);

describe('message templates', () => {
  it('fills every {Field} from the record', () => {
    expect(render('Hi {FirstName} {LastName}, {FirstName}!', { FirstName: 'Ada', LastName: 'Lovelace' })).toEqual({ text: 'Hi Ada Lovelace, Ada!', missing: [] });
  });

  it('matches the exact name first, then any case', () => {
    expect(render('{name}/{Name}', { Name: 'A', name: 'b' }).text).toBe('b/A');
    expect(render('{FIRSTNAME}', { FirstName: 'Ada' }).text).toBe('Ada');
  });

  it('renders a missing or empty field empty and reports it once', () => {
    expect(render('Hi {FirstName}, code {Code} {Code}.', { FirstName: '' })).toEqual({ text: 'Hi , code  .', missing: ['FirstName', 'Code'] });
  });

  it('keeps right-to-left text as written', () => {
    expect(render('مرحبا {FirstName}، عرضك ينتهي {OfferEnd}', { FirstName: 'ليلى', OfferEnd: '31/10' }).text).toBe('مرحبا ليلى، عرضك ينتهي 31/10');
  });

  it('reads {{ and }} as literal braces', () => {
    expect(render('{{FirstName}} is {FirstName}', { FirstName: 'Ada' }).text).toBe('{FirstName} is Ada');
  });

  it('lists fields in order of first use and reports malformed placeholders with their offset', () => {
    expect(parseTemplate('{B} {A} {B}').fields).toEqual(['B', 'A']);
    expect(parseTemplate('x {A').problems).toEqual([{ offset: 2, message: expect.stringMatching(/never closed/) }]);
    expect(parseTemplate('x } y').problems[0]).toMatchObject({ offset: 2 });
    expect(parseTemplate('{ spaced }').problems[0]!.message).toMatch(/is not a field name/);
    expect(parseTemplate('{Offer End}').fields).toEqual(['Offer End']);
  });

  it('numbers and nested values render as text', () => {
    expect(render('{N} {D}', { N: 3, D: { a: 1 } }).text).toBe('3 {"a":1}');
  });
});
