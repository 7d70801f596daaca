import { registerMessages } from '../../platform/i18n/index.js';

const da = {
  'teams.title': 'Teams',
  'teams.intro': 'Teams er afdelinger og organisationer. Sager deles og overdrages mellem teams, og brugere ser sager via deres team.',
  'teams.new': 'Opret team',
  'teams.field.name': 'Navn',
  'teams.field.kind': 'Type',
  'teams.field.active': 'Aktivt',
  'teams.col.members': 'Aktive brugere',
  'teams.create.submit': 'Opret team',
  'teams.edit.title': 'Redigér team',
  'teams.edit.submit': 'Gem ændringer',
  'teams.created': 'Teamet er oprettet.',
  'teams.saved': 'Ændringerne er gemt.',
  'teams.nameTaken': 'Der findes allerede et team med det navn.',
  'teams.none': 'Der er endnu ingen teams.',
  'teams.inactive': 'Inaktivt',
};

const en: Record<keyof typeof da, string> = {
  'teams.title': 'Teams',
  'teams.intro': 'Teams are departments and organisations. Cases are shared and handed over between teams, and users see cases through their team.',
  'teams.new': 'Create team',
  'teams.field.name': 'Name',
  'teams.field.kind': 'Kind',
  'teams.field.active': 'Active',
  'teams.col.members': 'Active users',
  'teams.create.submit': 'Create team',
  'teams.edit.title': 'Edit team',
  'teams.edit.submit': 'Save changes',
  'teams.created': 'The team was created.',
  'teams.saved': 'The changes were saved.',
  'teams.nameTaken': 'A team with that name already exists.',
  'teams.none': 'There are no teams yet.',
  'teams.inactive': 'Inactive',
};

registerMessages({ da, en });
