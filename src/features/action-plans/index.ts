/** The action-plans feature's routes. */
export { registerActionPlanPages as registerActionPlans } from './routes.js';
