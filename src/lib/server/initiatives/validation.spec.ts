import { describe, expect, it } from 'vitest';
import { createInitiativeSchema, inviteSchema, labelFor, memberChangeSchema, parseSekInput, updateInitiativeSchema } from './validation.ts';
import { hashToken, newToken, roleText } from './invitations.ts';

describe('amounts typed in forms', () => {
	it('reads Swedish spacing, thousand separators and a trailing "kr" as whole kronor', () => {
		expect(parseSekInput('450 000')).toBe(450_000);
		expect(parseSekInput('450\u00a0000 kr')).toBe(450_000);
		expect(parseSekInput('1.500.000')).toBe(1_500_000);
		expect(parseSekInput('2,000,000 SEK')).toBe(2_000_000);
		expect(parseSekInput('0')).toBe(0);
	});

	it('treats an empty field as "not given" and anything else as invalid', () => {
		expect(parseSekInput('   ')).toBeNull();
		expect(parseSekInput('mycket')).toBeNaN();
		expect(parseSekInput('-5')).toBeNaN();
		expect(parseSekInput('12,5')).toBeNaN();
	});
});

describe('initiative input', () => {
	it('needs a non-blank title of at most 200 characters and accepts the rest as optional', () => {
		expect(createInitiativeSchema.safeParse({ title: '  Torra golv  ' }).data).toEqual({ title: 'Torra golv' });
		expect(createInitiativeSchema.safeParse({ title: '   ' }).success).toBe(false);
		expect(createInitiativeSchema.safeParse({ title: 'x'.repeat(201) }).success).toBe(false);
		expect(createInitiativeSchema.safeParse({ title: 'x', estimatedValueSek: null }).success).toBe(true);
	});

	it('refuses negative, fractional and non-numeric values and unknown phases', () => {
		expect(createInitiativeSchema.safeParse({ title: 'x', estimatedValueSek: -1 }).success).toBe(false);
		expect(createInitiativeSchema.safeParse({ title: 'x', estimatedValueSek: 1.5 }).success).toBe(false);
		expect(createInitiativeSchema.safeParse({ title: 'x', estimatedValueSek: '100' }).success).toBe(false);
		expect(updateInitiativeSchema.safeParse({ phase: 'done' }).success).toBe(false);
		expect(updateInitiativeSchema.safeParse({ phase: 'dialogue' }).success).toBe(true);
	});
});

describe('invitation input', () => {
	it('binds the invitation to the lower-cased, trimmed address', () => {
		expect(inviteSchema.parse({ email: '  Maria.Lind@Sjostad.SE ', role: 'team' }).email).toBe('maria.lind@sjostad.se');
		expect(inviteSchema.safeParse({ email: 'inte en adress', role: 'team' }).success).toBe(false);
		expect(inviteSchema.safeParse({ email: 'a@b.se', role: 'owner' }).success).toBe(false);
		expect(memberChangeSchema.safeParse({ role: 'team', label: 'janitor' }).success).toBe(false);
	});

	it('keeps team labels for team members only', () => {
		expect(labelFor('team', 'expert')).toBe('expert');
		expect(labelFor('team', undefined)).toBeNull();
		expect(labelFor('observer', 'expert')).toBeNull();
		expect(labelFor('process_leader', 'needs_owner')).toBeNull();
	});

	it('makes tokens of 160 random bits and stores only their SHA-256', () => {
		const a = newToken();
		const b = newToken();
		expect(a).toMatch(/^[a-z2-7]{32}$/);
		expect(a).not.toBe(b);
		expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
		expect(hashToken(a)).toBe(hashToken(a));
		expect(hashToken(a)).not.toContain(a);
	});

	it('names roles in Swedish for the invitation mail', () => {
		expect(roleText('team', 'procurement_officer')).toBe('teammedlem (upphandlare)');
		expect(roleText('observer', null)).toBe('observatör');
	});
});
