import { describe, expect, it } from 'vitest';
import { translator } from '../../../platform/i18n/index.js';
import { citizenTranslator } from './index.js';

describe('placeholders in texts', () => {
  it('fill only the given values, never what every object inherits', () => {
    const t = citizenTranslator('da', { 'write.message.hint': 'Skriv højst {max} tegn. {constructor} {__proto__} {toString}' });
    expect(t('write.message.hint', { max: 5000 })).toBe('Skriv højst 5000 tegn. {constructor} {__proto__} {toString}');
    const staff = translator('da');
    expect(staff('validation.tooLong', { max: 10 })).not.toContain('native code');
  });
});
