// A user-defined action: books a callback slot. Actions are declared with
// defineAction: typed properties, outputs, branches and one `execute`.
import { defineAction, number, text } from 'studio-script';

export const bookCallback = defineAction({
  type: 'BOOK CALLBACK',
  description: 'Books a callback for Phone, DelayMinutes from now; takes NoSlot when the phone is already booked.',
  props: { Phone: text({ required: true }), DelayMinutes: number({ default: 15, min: 0 }) },
  outputs: { Booking: 'booking' },
  branches: ['Default', 'NoSlot', 'OnError'],
  errorBranch: 'OnError',
  execute(ctx, props) {
    const phone = props.Phone;
    if (!/^\+\d{8,15}$/.test(phone)) return ctx.error(`"${phone}" is not an E.164 phone number`);
    if (ctx.getContactData(phone) !== undefined) return ctx.branch('NoSlot');
    const at = ctx.clock.now().plus({ minutes: props.DelayMinutes }).toFormat('HH:mm');
    ctx.setContactData(phone, at);
    ctx.effect('agentEvents', { kind: 'callback', phone, at });
    return ctx.branch('Default', { Booking: { phone, at } });
  },
});
