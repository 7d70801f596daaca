/**
 * Features' demo seeders, imported only by `npm run demo` (one line per feature that has
 * demo data).
 */
import './calibration/demo.js';
import './cases/demo.js';
import './citizen/demo.js';
import './darkfigure/demo.js';
export {};
