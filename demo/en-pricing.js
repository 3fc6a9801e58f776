// The ES module API: mount() into any element, and host events that cross the shadow boundary.
import { mount } from '../dist/tarifa.js';

const target = document.getElementById('calculator');
const unmount = mount(target, { lang: 'en', country: ['US', 'BR'] });
const out = document.getElementById('host-total');
target.addEventListener('tarifa:estimate', (event) => {
  const { total, currency, month, incomplete } = event.detail;
  const amount = new Intl.NumberFormat('en', {
    style: 'currency',
    currency,
    maximumFractionDigits: 20,
  }).format(total);
  out.textContent = `${incomplete ? 'at least ' : ''}${amount} for ${month}`;
});
window.tarifaDemo = { unmount };
