/** Texts of the page frame that the platform catalog does not have (registered on import). */
import { registerMessages } from '../i18n/index.js';

const da = {
  'layout.errorPrefix': 'Fejl:',
  'layout.alert.info': 'Information',
  'layout.alert.success': 'Udført',
  'layout.alert.warning': 'Advarsel',
  'layout.alert.error': 'Fejl',
  'layout.userHeading': 'Bruger',
  'layout.loggedInAsPrefix': 'Logget ind som',
  'layout.homeLinkLabel': '{name}, gå til forsiden',
  'layout.footer.links': 'Om løsningen',
  'layout.moreMenu': 'Mere',
};

const en: Record<keyof typeof da, string> = {
  'layout.errorPrefix': 'Error:',
  'layout.alert.info': 'Information',
  'layout.alert.success': 'Done',
  'layout.alert.warning': 'Warning',
  'layout.alert.error': 'Error',
  'layout.userHeading': 'User',
  'layout.loggedInAsPrefix': 'Logged in as',
  'layout.homeLinkLabel': '{name}, go to the home page',
  'layout.footer.links': 'About the service',
  'layout.moreMenu': 'More',
};

registerMessages({ da, en });
