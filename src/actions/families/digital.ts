// Digital: messaging channels (docs/actions/digital.md): one line per built-in action.
export { default as askcaller } from '../askcaller.js';
export { default as reqagentDigital } from '../reqagent-digital.js';
export { default as textmsg } from '../textmsg.js';
export { default as updateDigitalContactStatus } from '../update-digital-contact-status.js';
