/** The calibration feature's routes. */
export { registerCalibrationPages as registerCalibration } from './routes.js';
