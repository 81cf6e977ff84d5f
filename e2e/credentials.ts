// The admin the e2e server is started with (playwright.config.ts creates it).
export const E2E_ADMIN = { name: 'e2e-admin', password: 'e2e-admin-password-Qw7Zr' };
export const ADMIN_STATE = '.tmp/e2e/admin-state.json';
