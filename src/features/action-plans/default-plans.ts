/**
 * The first version of the action plans (handleplaner): for each professional group and each
 * level of "Fælles vurdering", what to do now, whom to contact, the legal duties and what not to
 * do. Written for Selvbestemt from the expert group's report and Danish practice; the unit
 * adjusts them in the application (each change is a new version with a change note).
 *
 * Steps that recur across groups are written once below, so a group's plan reads as its own
 * steps plus the shared ones; every step keeps a stable key, so feedback per step survives new
 * versions of a plan.
 */
import type { ProfessionalGroup } from '../../platform/access/roles.js';
import type { PlanStep } from './schemas.js';

type Text = { da: string; en: string };
const step = (key: string, kind: PlanStep['kind'], text: Text, deadline?: PlanStep['deadline']): PlanStep => ({ key, kind, text, ...(deadline ? { deadline } : {}) });
const hours = (amount: number) => ({ amount, unit: 'hours' as const });
const days = (amount: number) => ({ amount, unit: 'days' as const });

// ---- Shared steps -------------------------------------------------------------------------

const call112 = step('call-112', 'now', {
  da: 'Er der fare for liv eller helbred lige nu, så ring 112.',
  en: 'If life or health is in danger right now, call 112.',
});
const unitNow = step('unit-now', 'contact', {
  da: 'Ring til NSK-enheden med det samme – uden for åbningstid til kommunens døgnberedskab – og fortæl, hvad du ved, og hvor personen er nu.',
  en: "Call the NSC unit at once – outside office hours the municipality's out-of-hours service – and tell them what you know and where the person is now.",
}, hours(1));
const unitSoon = step('unit-soon', 'contact', {
  da: 'Kontakt NSK-enheden, og aftal, hvem der gør hvad. Del bekymringen, så den ikke hviler på dig alene.',
  en: 'Contact the NSC unit and agree who does what. Share the concern so that it does not rest on you alone.',
}, days(2));
const unitAnonymous = step('unit-anonymous', 'contact', {
  da: 'Drøft situationen med NSK-enheden. Du kan gøre det anonymt uden at nævne navn, så du får sparring på, om og hvordan du skal gå videre.',
  en: 'Discuss the situation with the NSC unit. You can do so anonymously without giving a name, to get advice on whether and how to go on.',
}, days(7));
const police114 = step('police-114', 'contact', {
  da: 'Vil personen anmelde trusler eller vold, som ikke er akut, eller har du brug for politiets råd, så ring til politiet på 114.',
  en: 'If the person wants to report threats or violence that are not acute, or you need police advice, call the police on 114.',
});
const siri = step('siri', 'contact', {
  da: 'Kontakt SIRI\'s sikkerhedskonsulenter (Styrelsen for International Rekruttering og Integration). De rådgiver gratis om æresrelaterede konflikter og kan lave en risikovurdering og en sikkerhedsplan.',
  en: 'Contact the security consultants of SIRI (the Danish Agency for International Recruitment and Integration). They give free advice on honour-related conflicts and can make a risk assessment and a safety plan.',
}, days(1));
const notify133Now = step('notify-133-now', 'duty', {
  da: 'Underret Børne- og Ungerådgivningen straks – ring først, og send derefter den skriftlige underretning. Er personen under 18 år, har du som offentligt ansat pligt til det efter barnets lov § 133. Pligten er personlig og kan ikke overlades til en kollega.',
  en: 'Notify the child and youth counselling service (Børne- og Ungerådgivningen) at once – phone first, then send the written notification. If the person is under 18, as a public employee you have a duty to do so under the Children\'s Act (barnets lov) § 133. The duty is personal and cannot be left to a colleague.',
}, hours(1));
const notify133 = step('notify-133', 'duty', {
  da: 'Send en skriftlig underretning til Børne- og Ungerådgivningen, hvis personen er under 18 år. Som offentligt ansat har du pligt til det efter barnets lov § 133, når et barn kan have brug for særlig støtte. Beskriv det, du har set og hørt, ikke dine gæt.',
  en: 'Send a written notification to the child and youth counselling service if the person is under 18. As a public employee you have a duty to do so under the Children\'s Act (barnets lov) § 133 when a child may need special support. Describe what you have seen and heard, not your guesses.',
}, hours(24));
const document = step('document', 'now', {
  da: 'Skriv ned, hvad personen har fortalt med egne ord, hvornår og hvem der var til stede. Hold dine egne vurderinger adskilt fra det, der er sagt.',
  en: 'Write down what the person told you in their own words, when, and who was present. Keep your own assessment apart from what was said.',
}, hours(24));
const talkAlone = step('talk-alone', 'now', {
  da: 'Tal med personen alene, et sted hvor ingen fra familien eller netværket kan høre med. Lyt, spørg åbent, og vis, at du tager det alvorligt.',
  en: 'Talk to the person alone, somewhere no one from the family or network can overhear. Listen, ask open questions and show that you take it seriously.',
});
const noSecrecy = step('no-secrecy', 'dont', {
  da: 'Lov ikke at holde det hemmeligt. Forklar ærligt, hvem du skal tale med, og hvorfor – og at du gør det for at hjælpe.',
  en: 'Do not promise to keep it secret. Explain honestly whom you must talk to, and why – and that you do it to help.',
});
const noConfront = step('no-confront', 'dont', {
  da: 'Konfronter ikke forældrene, ægtefællen eller andre i familien med bekymringen, og fortæl dem ikke, at du har kontaktet kommunen eller politiet. Det kan øge faren for personen.',
  en: 'Do not confront the parents, the spouse or anyone else in the family with the concern, and do not tell them that you have contacted the municipality or the police. It can increase the danger to the person.',
});
const noFamilyInterpreter = step('no-family-interpreter', 'dont', {
  da: 'Brug ikke familiemedlemmer, venner eller bekendte som tolk – heller ikke søskende. Bestil en professionel tolk, gerne over telefon, og tjek, at tolken ikke kender familien.',
  en: 'Do not use family members, friends or acquaintances as interpreters – siblings included. Book a professional interpreter, by phone if possible, and check that the interpreter does not know the family.',
});
const noLetters = step('no-letters', 'dont', {
  da: 'Send ikke breve, sms\'er eller beskeder om bekymringen til hjemmet, til forældrenes digitale post eller via forældreintra, og ring ikke hjem om den.',
  en: "Do not send letters, texts or messages about the concern to the home, to the parents' digital mail or through the parent portal, and do not phone the home about it.",
});
const noMediation = step('no-mediation', 'dont', {
  da: 'Forsøg ikke selv at mægle mellem personen og familien. Mægling kan presse personen tilbage i kontrollen; overlad det til NSK-enheden.',
  en: 'Do not try to mediate between the person and the family yourself. Mediation can press the person back under control; leave it to the NSC unit.',
});
const travelAbroad = step('travel-abroad', 'now', {
  da: 'Er en rejse til udlandet planlagt, så giv straks kommunen og politiet besked om tidspunkt og rejsemål. Kommunen kan træffe afgørelse om udrejseforbud for et barn, der risikerer at blive sendt på genopdragelsesrejse.',
  en: 'If travel abroad is planned, tell the municipality and the police at once about the date and destination. The municipality can decide on a travel ban for a child at risk of being sent on a "re-education trip".',
}, hours(1));
const stayWithPerson = step('stay-with-person', 'now', {
  da: 'Bliv hos personen, eller sørg for, at en kollega gør det, indtil der er en plan. Lad ikke personen gå hjem, hvis vedkommende frygter at tage hjem.',
  en: 'Stay with the person, or make sure a colleague does, until there is a plan. Do not let the person go home if they are afraid to go home.',
});
const watchSigns = step('watch-signs', 'now', {
  da: 'Vær opmærksom på tegn som pludseligt fravær, ændret påklædning eller adfærd, mistrivsel, at personen ikke må deltage i aktiviteter, eller at nogen altid henter og bringer.',
  en: 'Watch for signs such as sudden absence, changed clothing or behaviour, low well-being, not being allowed to take part in activities, or someone always taking and collecting the person.',
});
const rescreen = step('rescreen', 'now', {
  da: 'Lav en ny vurdering, hvis du får nye oplysninger, og senest om tre måneder, hvis bekymringen består.',
  en: 'Make a new assessment if you learn more, and within three months at the latest if the concern remains.',
}, days(90));
const rescreenSoon = step('rescreen-soon', 'now', {
  da: 'Følg op med personen og lav en ny vurdering inden for en måned, eller før, hvis der kommer nye oplysninger.',
  en: 'Follow up with the person and make a new assessment within a month, or sooner if you learn more.',
}, days(30));
const knowPlans = step('know-plans', 'now', {
  da: 'Læs din faggruppes handleplaner for niveau 1–3, så du ved, hvad du skal gøre, hvis bekymringen vokser. Kend NSK-enhedens telefonnummer.',
  en: "Read your professional group's action plans for levels 1–3, so you know what to do if the concern grows. Know the NSC unit's phone number.",
});
const openTalk = step('open-talk', 'now', {
  da: 'Tal med personen om rettigheder og muligheder på en almindelig, åben måde – fx om fritid, venner og uddannelse – uden at pege på familien.',
  en: 'Talk with the person about rights and opportunities in an ordinary, open way – e.g. about leisure, friends and education – without pointing at the family.',
});
const adultConsent = step('adult-consent', 'duty', {
  da: 'Er personen over 18 år, så spørg, om du må give NSK-enheden navn og oplysninger. Uden samtykke kan du få anonym rådgivning. Er der fare for liv, må du altid kontakte politiet.',
  en: 'If the person is over 18, ask whether you may give the NSC unit name and details. Without consent you can get anonymous advice. If life is in danger, you may always contact the police.',
});
const shelter = step('shelter', 'contact', {
  da: 'Har personen brug for et sikkert sted at bo, så kan NSK-enheden og sikkerhedskonsulenterne hjælpe med krisecenter (serviceloven § 109) eller et beskyttet botilbud for unge som RED Safehouse.',
  en: 'If the person needs a safe place to live, the NSC unit and the security consultants can help with a crisis centre (Social Services Act § 109) or protected housing for young people such as RED Safehouse.',
});
const generalDuty = step('general-duty', 'duty', {
  da: 'Er du frivillig og ikke offentligt ansat, har du den almindelige pligt til at underrette kommunen, hvis et barn under 18 år udsættes for overgreb eller lever under forhold, der bringer dets sundhed eller udvikling i fare.',
  en: "If you are a volunteer rather than a public employee, you have the general duty to notify the municipality if a child under 18 is abused or lives in conditions that endanger the child's health or development.",
}, hours(24));

// ---- Group-specific steps -----------------------------------------------------------------

const schoolSocialWorker = step('school-social-worker', 'contact', {
  da: 'Inddrag skolens eller institutionens socialrådgiver og din leder samme dag.',
  en: "Involve the school's or institution's social worker and your manager the same day.",
}, hours(24));
const schoolAbsence = step('school-absence', 'dont', {
  da: 'Ret ikke henvendelse til forældrene om fravær eller trivsel med henvisning til bekymringen, før du har aftalt det med Børne- og Ungerådgivningen.',
  en: 'Do not contact the parents about absence or well-being with reference to the concern before you have agreed it with the child and youth counselling service.',
});
const schoolAgreeWho = step('school-agree-who', 'contact', {
  da: 'Aftal med Børne- og Ungerådgivningen, hvem der taler med barnet og med forældrene, og hvornår. Skolen fortsætter den daglige kontakt som vanligt.',
  en: 'Agree with the child and youth counselling service who talks to the child and to the parents, and when. The school keeps up everyday contact as usual.',
}, days(2));

const healthAloneWithMother = step('health-alone-mother', 'now', {
  da: 'Find en anledning til at tale med moren alene – uden ægtefælle eller svigerfamilie – fx et besøg i sundhedsplejens lokaler eller et tidspunkt, hvor hun er alene hjemme.',
  en: "Find an occasion to talk with the mother alone – without spouse or in-laws – e.g. a visit at the health visitors' premises or a time when she is alone at home.",
});
const healthChildren = step('health-children', 'duty', {
  da: 'Vurder, om børnene i hjemmet er berørt. Gælder bekymringen et barn, eller lever børnene med vold eller kontrol, har du pligt til at underrette efter barnets lov § 133.',
  en: "Assess whether the children in the home are affected. If the concern is about a child, or the children live with violence or control, you have a duty to notify under the Children's Act § 133.",
}, hours(24));
const healthHotline = step('health-hotline', 'contact', {
  da: 'Fortæl moren diskret om Lev Uden Volds hotline 1888 og om muligheden for krisecenter – kun hvis det er sikkert, og uden at give hende skriftligt materiale med hjem.',
  en: "Discreetly tell the mother about Lev Uden Vold's hotline 1888 and about crisis centres – only if it is safe, and without giving her written material to take home.",
});

const jobNoSanction = step('job-no-sanction', 'now', {
  da: 'Undersøg, om fravær, afbrudt uddannelse eller manglende jobsøgning skyldes familiens krav, før der træffes afgørelse om sanktioner. Noter det i sagen.',
  en: 'Find out whether absence, dropped education or lack of job seeking is caused by the family\'s demands before sanctions are decided. Note it on the file.',
});
const jobPlan = step('job-plan', 'contact', {
  da: 'Tilpas uddannelses- eller jobplanen, så personen kan fortsætte uden at blive udsat for mere kontrol, fx møder uden ledsager og kontakt via egen telefon.',
  en: "Adapt the education or job plan so the person can continue without more control, e.g. meetings without an escort and contact through the person's own phone.",
}, days(14));
const jobMeetAlone = step('job-meet-alone', 'now', {
  da: 'Hold samtalen uden ægtefælle, forældre eller andre ledsagere til stede. Forklar, at det er praksis for alle.',
  en: 'Hold the conversation without spouse, parents or other companions present. Explain that this is standard practice for everyone.',
});

const sspShare = step('ssp-share', 'duty', {
  da: 'Udveksl kun de oplysninger, der er nødvendige for at forebygge, efter reglerne for SSP-samarbejdet (retsplejeloven § 115), og skriv ned, hvad der er delt med hvem.',
  en: 'Share only the information needed for prevention, under the rules for SSP cooperation (Administration of Justice Act § 115), and record what was shared with whom.',
});
const sspReport = step('ssp-report', 'duty', {
  da: 'Politiet optager anmeldelse af trusler, vold, frihedsberøvelse eller tvang til ægteskab og vurderer straks behovet for beskyttelse.',
  en: 'The police take reports of threats, violence, deprivation of liberty or coercion into marriage and assess the need for protection at once.',
}, hours(24));
const sspNetwork = step('ssp-network', 'dont', {
  da: 'Kontakt ikke personens netværk eller lokalmiljø for at "høre nærmere" – rygter kan nå familien, før personen er i sikkerhed.',
  en: "Do not contact the person's network or local community to \"find out more\" – rumours can reach the family before the person is safe.",
});

const leisureTrusted = step('leisure-trusted', 'now', {
  da: 'Bevar kontakten og aktiviteten som et trygt frirum. Tal med din leder eller foreningens kontaktperson om bekymringen.',
  en: 'Keep up the contact and the activity as a safe space. Talk to your manager or the association\'s contact person about the concern.',
}, days(2));
const leisureDuty = step('leisure-duty', 'duty', {
  da: 'Er du ansat i en kommunal klub eller fritidsordning, har du den skærpede underretningspligt (barnets lov § 133), når personen er under 18 år.',
  en: "If you work in a municipal club or after-school scheme, you have the enhanced duty to notify (Children's Act § 133) when the person is under 18.",
}, hours(24));
const leisurePhotos = step('leisure-photos', 'dont', {
  da: 'Del ikke billeder eller holdlister med personens navn på sociale medier eller hjemmesider, og fortæl ikke familien, hvem personen er sammen med i fritiden.',
  en: "Do not share photos or team lists with the person's name on social media or websites, and do not tell the family whom the person spends leisure time with.",
});

const cwAcute24 = step('cw-acute-24', 'duty', {
  da: 'Vurder inden for 24 timer efter underretningen, om barnet har brug for akut hjælp, og bekræft modtagelsen over for den, der har underrettet, inden for 6 hverdage.',
  en: 'Within 24 hours of the notification, assess whether the child needs acute help, and confirm receipt to the notifying professional within 6 working days.',
}, hours(24));
const cwChildTalk = step('cw-child-talk', 'now', {
  da: 'Tal med barnet alene, før forældrene inddrages. Forældrene informeres først, når det er vurderet, at det ikke udsætter barnet for fare.',
  en: 'Talk to the child alone before the parents are involved. The parents are informed only when it has been judged that it does not put the child in danger.',
}, days(2));
const cwAssessment = step('cw-assessment', 'duty', {
  da: 'Tag stilling til en børnefaglig undersøgelse efter barnets lov § 20. Den skal være færdig inden fire måneder; ellers laves en foreløbig vurdering.',
  en: "Decide on a child assessment under the Children's Act § 20. It must be completed within four months; otherwise a preliminary statement is made.",
}, days(120));
const cwSafety = step('cw-safety', 'now', {
  da: 'Lav sammen med NSK-enheden, politiet og sikkerhedskonsulenterne en sikkerhedsplan, og tag stilling til akutte foranstaltninger, herunder anbringelse uden for hjemmet og udrejseforbud.',
  en: 'With the NSC unit, the police and the security consultants, make a safety plan and decide on acute measures, including placement outside the home and a travel ban.',
}, hours(24));
const cwHandover = step('cw-handover', 'dont', {
  da: 'Flyt ikke sagen til en anden afdeling uden en skriftlig overlevering med risikoniveau, "må ikke"-liste og kontaktpersoner. Viden må ikke gå tabt.',
  en: 'Do not move the case to another department without a written handover with the risk level, the "do not" list and contacts. No knowledge may be lost.',
});

const csWishes = step('cs-wishes', 'now', {
  da: 'Spørg personen, hvad hun eller han selv ønsker, og hvad der vil gøre det mere sikkert. Respekter tempoet, men vær tydelig om, hvor der kan hentes hjælp.',
  en: 'Ask the person what they want themselves and what would make things safer. Respect their pace, but be clear about where help can be found.',
});
const csConsent = step('cs-consent', 'duty', {
  da: 'Del kun oplysninger med kommunen, når personen har givet samtykke – undtagen når der er fare for liv, eller et barn er i fare. Så skal du handle.',
  en: 'Share information with the municipality only with the person\'s consent – except when life is in danger or a child is at risk. Then you must act.',
});
const csReferral = step('cs-referral', 'contact', {
  da: 'Tilbyd at følge personen til NSK-enheden eller til en samtale med sikkerhedskonsulenterne – mange har mere tillid til en frivillig end til "systemet".',
  en: 'Offer to go with the person to the NSC unit or to a meeting with the security consultants – many trust a volunteer more than "the system".',
}, days(7));

const unitAdvise = step('unit-advise', 'contact', {
  da: 'Giv fagpersonen sparring inden for tre hverdage, og aftal, hvem der følger op, og hvornår.',
  en: 'Advise the professional within three working days, and agree who follows up, and when.',
}, days(3));
const unitCase = step('unit-case', 'now', {
  da: 'Registrér henvendelsen, og tag stilling til at oprette en sag. Lav én samlet plan for personen på tværs af forvaltninger, og sæt niveauet på sagen.',
  en: "Record the inquiry and decide whether to open a case. Make one joint plan for the person across departments, and record the level on the case.",
}, days(2));
const unitCoordinate = step('unit-coordinate', 'contact', {
  da: 'Indkald samme dag til et akut koordineringsmøde med Børne- og Ungerådgivningen eller Jobcenteret, politiet og sikkerhedskonsulenterne. Aftal én sikkerhedsplan og én kontaktperson.',
  en: 'Call an acute coordination meeting the same day with the child and youth counselling service or the job centre, the police and the security consultants. Agree one safety plan and one contact person.',
}, hours(8));
const unitRepeat = step('unit-repeat', 'now', {
  da: 'Tjek, om personen er kendt fra en tidligere bekymring inden for de seneste 12 måneder. En gentagelse vejer tungere i vurderingen.',
  en: 'Check whether the person is known from an earlier concern within the last 12 months. A repeat weighs more in the assessment.',
}, hours(24));
const unitTeach = step('unit-teach', 'contact', {
  da: 'Tilbyd fagpersonens arbejdsplads et kort oplæg om negativ social kontrol og om Fælles vurdering.',
  en: "Offer the professional's workplace a short talk on negative social control and on the common assessment.",
}, days(30));

// ---- The plans ------------------------------------------------------------------------------

type Plans = Record<ProfessionalGroup, [PlanStep[], PlanStep[], PlanStep[], PlanStep[]]>;

export const DEFAULT_PLANS: Plans = {
  school_daycare: [
    [watchSigns, openTalk, knowPlans],
    [talkAlone, document, schoolSocialWorker, unitAnonymous, noSecrecy, noConfront, rescreenSoon],
    [talkAlone, document, notify133, schoolSocialWorker, unitSoon, schoolAgreeWho, noConfront, noFamilyInterpreter, noLetters, schoolAbsence],
    [call112, stayWithPerson, notify133Now, unitNow, travelAbroad, siri, noConfront, noFamilyInterpreter, noLetters],
  ],
  health_visitor: [
    [watchSigns, healthAloneWithMother, knowPlans],
    [healthAloneWithMother, document, unitAnonymous, noSecrecy, noFamilyInterpreter, rescreenSoon],
    [healthAloneWithMother, document, healthChildren, adultConsent, unitSoon, healthHotline, noConfront, noFamilyInterpreter, noLetters],
    [call112, stayWithPerson, notify133Now, unitNow, siri, shelter, noConfront, noFamilyInterpreter, noLetters],
  ],
  job_uu: [
    [watchSigns, jobMeetAlone, knowPlans],
    [jobMeetAlone, document, jobNoSanction, unitAnonymous, noSecrecy, noFamilyInterpreter, rescreenSoon],
    [jobMeetAlone, document, notify133, adultConsent, unitSoon, jobPlan, jobNoSanction, noConfront, noFamilyInterpreter, noLetters],
    [call112, stayWithPerson, notify133Now, unitNow, travelAbroad, siri, shelter, noConfront, noFamilyInterpreter],
  ],
  ssp_police: [
    [watchSigns, openTalk, knowPlans],
    [talkAlone, document, unitAnonymous, sspShare, noSecrecy, sspNetwork, rescreenSoon],
    [talkAlone, document, notify133, unitSoon, sspShare, police114, noConfront, sspNetwork, noFamilyInterpreter],
    [call112, stayWithPerson, sspReport, notify133Now, unitNow, travelAbroad, siri, noConfront, sspNetwork],
  ],
  leisure: [
    [watchSigns, leisureTrusted, openTalk, knowPlans],
    [leisureTrusted, talkAlone, document, unitAnonymous, noSecrecy, leisurePhotos, rescreenSoon],
    [talkAlone, document, leisureDuty, generalDuty, unitSoon, leisureTrusted, noConfront, noLetters, leisurePhotos],
    [call112, stayWithPerson, unitNow, leisureDuty, generalDuty, travelAbroad, noConfront, leisurePhotos],
  ],
  child_welfare: [
    [watchSigns, knowPlans, rescreen],
    [cwChildTalk, document, unitAnonymous, noConfront, noFamilyInterpreter, rescreenSoon],
    [cwAcute24, cwChildTalk, cwAssessment, unitSoon, siri, noConfront, noFamilyInterpreter, noLetters, noMediation, cwHandover],
    [call112, cwSafety, unitNow, travelAbroad, shelter, cwChildTalk, noConfront, noFamilyInterpreter, noLetters, noMediation],
  ],
  civil_society: [
    [watchSigns, csWishes, knowPlans],
    [csWishes, unitAnonymous, csConsent, noSecrecy, noMediation, rescreenSoon],
    [csWishes, csConsent, csReferral, generalDuty, unitSoon, noConfront, noMediation, noFamilyInterpreter],
    [call112, stayWithPerson, unitNow, generalDuty, shelter, police114, noConfront, noMediation],
  ],
  unit: [
    [unitAdvise, unitTeach, rescreen],
    [unitAdvise, unitRepeat, rescreenSoon, noConfront, noFamilyInterpreter],
    [unitCase, unitRepeat, siri, notify133, noConfront, noFamilyInterpreter, noLetters, noMediation, cwHandover],
    [call112, unitCoordinate, siri, travelAbroad, shelter, unitCase, noConfront, noFamilyInterpreter, noLetters, noMediation],
  ],
};
