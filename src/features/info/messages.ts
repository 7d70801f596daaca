import { registerMessages } from '../../platform/i18n/index.js';

const da = {
  'info.about.title': 'Om Selvbestemt',
  'info.about.text1': 'Selvbestemt er kommunens fælles system i arbejdet mod negativ social kontrol og æresrelaterede konflikter. Det bygger på ekspertgruppens anbefalinger til Odense Kommune: én klar vej fra en bekymring til den rette indsats, en fælles forståelse af, hvornår der er tale om negativ social kontrol, og at ingen viden går tabt, når en sag flytter mellem afdelinger.',
  'info.about.text2': 'Systemet behandler følsomme oplysninger om mennesker, der kan være i fare. Derfor ser du kun det, du har brug for i dit arbejde, og alle opslag logges.',
  'info.a11y.title': 'Tilgængelighedserklæring',
  'info.a11y.text1': 'Selvbestemt skal kunne bruges af alle og følger webtilgængelighedsloven og WCAG 2.1 niveau AA. Siderne er bygget med Det Fælles Designsystem, kan bruges med tastatur og skærmlæser og virker uden JavaScript.',
  'info.a11y.text2': 'Hver version testes automatisk med axe-core i en rigtig browser. Oplever du en barriere, så kontakt kommunens NSK-enhed, så retter vi den.',
  'info.privacy.title': 'Sådan behandler vi personoplysninger',
  'info.privacy.text1': 'Kommunen er dataansvarlig. Oplysninger i Selvbestemt behandles for at forebygge og hjælpe ved negativ social kontrol og æresrelaterede konflikter efter serviceloven, barnets lov og databeskyttelsesforordningen (art. 6, 9 og 10).',
  'info.privacy.text2': 'Adgang gives efter behov: kun de medarbejdere, der arbejder med en sag, kan se den. Alle opslag og ændringer logges i en log, der ikke kan ændres bagefter. Som borger kan du få indsigt i, hvornår og til hvilket formål dine oplysninger er slået op. Kontakt kommunens databeskyttelsesrådgiver.',
  'info.api.title': 'API-dokumentation',
  'info.api.intro': 'Selvbestemts JSON-API findes under /api/v1. Den maskinlæsbare beskrivelse (OpenAPI 3.1) hentes her:',
  'info.api.auth': 'Godkendelse: send en personlig API-nøgle i headeren Authorization: Bearer sbt_…, eller log ind med POST /api/v1/auth/login og send det returnerede csrfToken i headeren X-CSRF-Token ved alle ændringer.',
  'info.api.endpoints': 'Endepunkter',
  'info.api.method': 'Metode',
  'info.api.path': 'Sti',
  'info.api.summary': 'Beskrivelse',
};

const en: Record<keyof typeof da, string> = {
  'info.about.title': 'About Selvbestemt',
  'info.about.text1': "Selvbestemt is the municipality's shared system in the work against negative social control and honour-related conflicts. It builds on the expert group's recommendations to Odense Municipality: one clear path from a concern to the right measures, a shared understanding of when something is negative social control, and no knowledge lost when a case moves between departments.",
  'info.about.text2': 'The system processes sensitive information about people who may be in danger. You therefore see only what your work requires, and every look-up is logged.',
  'info.a11y.title': 'Accessibility statement',
  'info.a11y.text1': 'Selvbestemt must be usable by everyone and follows the Danish web accessibility act and WCAG 2.1 level AA. The pages are built with the Danish common design system, work with keyboard and screen reader, and work without JavaScript.',
  'info.a11y.text2': "Every version is tested automatically with axe-core in a real browser. If you meet a barrier, contact the municipality's NSC unit and we will fix it.",
  'info.privacy.title': 'How we process personal data',
  'info.privacy.text1': 'The municipality is the data controller. Information in Selvbestemt is processed to prevent and help with negative social control and honour-related conflicts under Danish social and child law and the GDPR (art. 6, 9 and 10).',
  'info.privacy.text2': "Access is on a need-to-know basis: only staff working on a case can see it. Every look-up and change is written to a log that cannot be changed afterwards. As a citizen you can learn when and for which purpose your data was looked up. Contact the municipality's data protection officer.",
  'info.api.title': 'API documentation',
  'info.api.intro': "Selvbestemt's JSON API is under /api/v1. The machine-readable description (OpenAPI 3.1) is here:",
  'info.api.auth': 'Authentication: send a personal API key in the header Authorization: Bearer sbt_…, or log in with POST /api/v1/auth/login and send the returned csrfToken in the header X-CSRF-Token on every change.',
  'info.api.endpoints': 'Endpoints',
  'info.api.method': 'Method',
  'info.api.path': 'Path',
  'info.api.summary': 'Description',
};

registerMessages({ da, en });
