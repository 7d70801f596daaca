/**
 * Version 1 of "Fælles vurdering", written for Selvbestemt from the expert group's definition
 * of negative social control and its lists (forms of control, between whom). It borrows no
 * wording from DASH, the Danger Assessment or PATRIARK. Each step is anchored in something a
 * professional can observe or be told, so two people reading the same facts pick the same step.
 */
import type { InstrumentDefinition } from './definition.js';

export const DEFAULT_INSTRUMENT: InstrumentDefinition = {
  domains: [
    {
      key: 'education_work_leisure',
      title: { da: 'Skole, uddannelse, arbejde og fritid', en: 'School, education, work and leisure' },
      help: {
        da: 'Kan personen gå i skole, tage uddannelse, arbejde og have et fritidsliv som andre på samme alder?',
        en: 'Can the person go to school, study, work and have a leisure life like others of the same age?',
      },
      steps: [
        { da: 'Deltager i skole, uddannelse eller arbejde og i fritidsaktiviteter som jævnaldrende.', en: 'Takes part in school, education or work and in leisure activities like peers.' },
        { da: 'Enkelte begrænsninger, fx må ikke komme med på lejrskole, til fester eller til én bestemt aktivitet.', en: 'Single restrictions, e.g. not allowed on a school trip, to parties or to one particular activity.' },
        { da: 'Holdes væk fra flere aktiviteter eller fra den uddannelse eller det job, personen selv ønsker; deltagelse kræver familiens tilladelse eller ledsagelse.', en: 'Kept away from several activities or from the education or job the person wants; taking part needs the family\'s permission or an escort.' },
        { da: 'Forhindres i at gå i skole, tage uddannelse eller arbejde, eller er taget ud af alle fritidsaktiviteter mod sin vilje.', en: 'Prevented from going to school, studying or working, or taken out of all leisure activities against their will.' },
      ],
    },
    {
      key: 'relations_digital',
      title: { da: 'Venner, sociale relationer og digitalt liv', en: 'Friends, social relations and digital life' },
      help: {
        da: 'Kan personen selv vælge venner og bruge telefon og sociale medier uden at blive kontrolleret?',
        en: 'Can the person choose friends and use a phone and social media without being controlled?',
      },
      steps: [
        { da: 'Vælger selv sine venner og bruger telefon og sociale medier som jævnaldrende.', en: 'Chooses their own friends and uses a phone and social media like peers.' },
        { da: 'Familien blander sig i vennevalget eller kigger af og til i telefonen, og personen oplever det som et pres.', en: 'The family interferes with the choice of friends or now and then looks through the phone, and the person feels pressured.' },
        { da: 'Må kun se venner, familien har godkendt; telefon, beskeder eller profiler kontrolleres jævnligt, eller andre rapporterer hjem om personen.', en: 'May only see friends the family has approved; phone, messages or profiles are checked regularly, or others report back home about the person.' },
        { da: 'Er afskåret fra venner uden for familien; telefon eller adgangskoder er taget fra personen, eller personen spores hele tiden.', en: 'Cut off from friends outside the family; the phone or passwords have been taken away, or the person is tracked all the time.' },
      ],
    },
    {
      key: 'belief_expression',
      title: { da: 'Tro, holdninger og ytringer', en: 'Faith, opinions and expression' },
      help: {
        da: 'Kan personen selv vælge tro, holdninger, påklædning og udtryk uden at blive straffet for det?',
        en: 'Can the person choose their own faith, opinions, clothing and expression without being punished for it?',
      },
      steps: [
        { da: 'Vælger selv tro, holdninger, påklædning og udtryk uden sanktioner.', en: 'Chooses their own faith, opinions, clothing and expression without sanctions.' },
        { da: 'Mærker forventninger om religiøs praksis, påklædning eller holdninger, men kan sige fra uden at blive straffet.', en: 'Feels expectations about religious practice, clothing or opinions, but can say no without being punished.' },
        { da: 'Presses til en bestemt religiøs praksis, påklædning eller holdning; at sige fra giver skæld ud, trusler om at blive udstødt eller tab af goder.', en: 'Pressed into a particular religious practice, clothing or opinion; saying no leads to scolding, threats of being cast out or loss of privileges.' },
        { da: 'Straffes med udstødelse, indespærring eller vold for sin tro, sine holdninger, sin seksualitet eller sit udtryk.', en: 'Punished with exclusion, confinement or violence for their faith, opinions, sexuality or expression.' },
      ],
    },
    {
      key: 'privacy',
      title: { da: 'Privatliv og krop', en: 'Privacy and body' },
      help: {
        da: 'Har personen et privatliv, der svarer til alderen: egne ting, egen tid og ret over egen krop?',
        en: 'Does the person have privacy suited to their age: their own things, their own time and a say over their own body?',
      },
      steps: [
        { da: 'Har et privatliv, der svarer til alderen: eget rum, egne ting og egne hemmeligheder.', en: 'Has privacy suited to their age: their own room, own things and own secrets.' },
        { da: 'Familien kræver at vide mere, end alderen tilsiger, fx hvor personen er hele tiden.', en: 'The family demands to know more than the age calls for, e.g. where the person is all the time.' },
        { da: 'Værelse, taske, post eller tøjvalg kontrolleres, og personen skal gøre rede for al sin tid.', en: 'Room, bag, post or choice of clothes are checked, and the person must account for all of their time.' },
        { da: 'Har intet privatliv: bliver gennemsøgt, overvåget i hjemmet eller kontrolleret på kroppen, fx om mødommen er intakt.', en: 'Has no privacy at all: is searched, watched in the home or checked physically, e.g. whether their virginity is intact.' },
      ],
    },
    {
      key: 'partner_choice',
      title: { da: 'Valg af kæreste og ægtefælle', en: 'Choice of partner and spouse' },
      help: {
        da: 'Kan personen selv bestemme, om og med hvem vedkommende vil være kæreste, forlove sig eller gifte sig?',
        en: 'Can the person decide whether and with whom to have a boyfriend or girlfriend, get engaged or marry?',
      },
      steps: [
        { da: 'Bestemmer selv, om og med hvem personen vil være kæreste eller gifte sig.', en: 'Decides freely whether and with whom to be in a relationship or to marry.' },
        { da: 'Familien har tydelige forventninger til en kommende kæreste eller ægtefælle, men personen kan sige nej.', en: 'The family has clear expectations of a future partner or spouse, but the person can say no.' },
        { da: 'Må ikke have en kæreste, skal skjule et forhold, eller der presses på for en forlovelse eller et ægteskab, personen ikke selv ønsker.', en: 'Not allowed a boyfriend or girlfriend, must hide a relationship, or is pressed towards an engagement or marriage they do not want.' },
        { da: 'En forlovelse eller et ægteskab er aftalt uden personens samtykke, eller personen holdes fast i et ægteskab mod sin vilje. Er et ægteskab planlagt, så markér også det røde flag.', en: 'An engagement or marriage has been arranged without the person\'s consent, or the person is held in a marriage against their will. If a marriage is planned, also tick the red flag.' },
      ],
    },
    {
      key: 'abuse_protection',
      title: { da: 'Fysiske og psykiske overgreb', en: 'Physical and psychological abuse' },
      help: {
        da: 'Er personen beskyttet mod vold, trusler og nedværdigende behandling i hjemmet og familien?',
        en: 'Is the person protected from violence, threats and degrading treatment at home and in the family?',
      },
      steps: [
        { da: 'Ingen tegn på overgreb; personen siger, at vedkommende er tryg derhjemme.', en: 'No signs of abuse; the person says they feel safe at home.' },
        { da: 'Hård tone, skæld ud eller trusler om straf, som gør personen utryg, men ingen vold.', en: 'A harsh tone, scolding or threats of punishment that make the person feel unsafe, but no violence.' },
        { da: 'Gentagne ydmygelser, trusler om at blive sendt væk eller udstødt, eller enkelte episoder med fysisk afstraffelse.', en: 'Repeated humiliation, threats of being sent away or cast out, or single episodes of physical punishment.' },
        { da: 'Gentagen eller grov vold, eller psykisk vold der nedbryder personen. Er der trusler om vold eller drab, så markér også det røde flag.', en: 'Repeated or serious violence, or psychological violence that breaks the person down. If there are threats of violence or death, also tick the red flag.' },
      ],
    },
    {
      key: 'isolation_threats',
      title: { da: 'Overvågning, isolation og æresrelaterede trusler', en: 'Surveillance, isolation and honour-related threats' },
      help: {
        da: 'Bliver personen overvåget af familie eller netværk, begrænset i at bevæge sig frit eller truet for at bevare familiens ære?',
        en: 'Is the person watched by family or network, kept from moving freely or threatened to protect the family\'s honour?',
      },
      steps: [
        { da: 'Ingen tegn på overvågning, isolation eller trusler knyttet til familiens ære.', en: 'No signs of surveillance, isolation or threats tied to the family\'s honour.' },
        { da: 'Personen fortæller, at familie eller netværk holder øje og af og til fortæller familien, hvad personen laver.', en: 'The person says family or network keep an eye on them and now and then tell the family what they do.' },
        { da: 'Systematisk overvågning fra familie eller netværk; skal hentes og bringes, må ikke være ude efter skole eller arbejde; trusler om at blive sladret om eller vanære familien.', en: 'Systematic surveillance by family or network; must be taken and collected, not allowed out after school or work; threats of being reported or of shaming the family.' },
        { da: 'Holdes hjemme eller isoleres fra omverdenen, eller der er trusler knyttet til familiens ære. Ved indespærring eller trusler om vold eller drab: markér også det røde flag.', en: 'Kept at home or isolated from the outside world, or there are threats tied to the family\'s honour. If confined or threatened with violence or death, also tick the red flag.' },
      ],
    },
    {
      key: 'generational_conflict',
      title: { da: 'Konflikt mellem generationer', en: 'Conflict between generations' },
      help: {
        da: 'Står personen i en konflikt mellem egne ønsker og familiens forventninger, og hvor meget fylder den?',
        en: 'Is the person caught between their own wishes and the family\'s expectations, and how much does it weigh?',
      },
      steps: [
        { da: 'Almindelige uenigheder mellem generationerne, som løses gennem samtale.', en: 'Ordinary disagreements between generations, resolved by talking.' },
        { da: 'Vedvarende uenighed om værdier og levevis; personen føler sig klemt mellem familiens og egne ønsker.', en: 'Lasting disagreement about values and way of life; the person feels caught between the family\'s wishes and their own.' },
        { da: 'Konflikten fylder meget og går ud over trivsel, skole eller arbejde; personen er truet med at blive udstødt eller overvejer at bryde med familien.', en: 'The conflict weighs heavily and affects well-being, school or work; the person has been threatened with being cast out or is considering breaking with the family.' },
        { da: 'Konflikten har ført til brud med familien eller et brud er nært forestående, fx er personen smidt ud, udstødt eller i alvorlig mistrivsel.', en: 'The conflict has led to a break with the family or one is imminent, e.g. the person has been thrown out, cast out or is seriously unwell.' },
      ],
    },
  ],
  redFlags: [
    {
      key: 'threats',
      label: { da: 'Trusler om vold eller drab', en: 'Threats of violence or death' },
      help: { da: 'Personen eller andre er blevet truet med vold eller med at blive slået ihjel.', en: 'The person or others have been threatened with violence or with being killed.' },
    },
    {
      key: 'travel_abroad',
      label: { da: 'Planlagt rejse til udlandet', en: 'Planned travel abroad' },
      help: { da: 'Fx en "genopdragelsesrejse" eller en rejse til familiens oprindelsesland, som personen frygter ikke at komme hjem fra.', en: 'E.g. a "re-education trip" or a trip to the family\'s country of origin the person fears not returning from.' },
    },
    {
      key: 'forced_marriage',
      label: { da: 'Planlagt tvangsægteskab', en: 'Planned forced marriage' },
      help: { da: 'Et ægteskab eller en religiøs vielse er planlagt uden personens frie samtykke.', en: 'A marriage or religious wedding is planned without the person\'s free consent.' },
    },
    {
      key: 'confined',
      label: { da: 'Indespærret eller isoleret', en: 'Locked in or isolated' },
      help: { da: 'Personen holdes inde, må ikke forlade hjemmet eller er afskåret fra al kontakt udadtil.', en: 'The person is kept in, may not leave the home or is cut off from all contact with the outside.' },
    },
    {
      key: 'flight',
      label: { da: 'Er flygtet eller vil flygte nu', en: 'Has fled or wants to flee now' },
      help: { da: 'Personen er gået hjemmefra på grund af kontrollen, eller siger, at vedkommende ikke tør tage hjem.', en: 'The person has left home because of the control, or says they do not dare go home.' },
    },
    {
      key: 'self_harm',
      label: { da: 'Selvskade eller selvmordstanker', en: 'Self-harm or suicidal thoughts' },
      help: { da: 'Personen skader sig selv, har forsøgt selvmord eller taler om ikke at ville leve.', en: 'The person harms themselves, has attempted suicide or talks about not wanting to live.' },
    },
  ],
  relations: [
    { key: 'father', label: { da: 'Far', en: 'Father' } },
    { key: 'mother', label: { da: 'Mor', en: 'Mother' } },
    { key: 'sibling', label: { da: 'Søskende', en: 'Sibling' } },
    { key: 'spouse_partner', label: { da: 'Ægtefælle eller partner', en: 'Spouse or partner' } },
    { key: 'extended_family_dk', label: { da: 'Øvrig familie i Danmark', en: 'Extended family in Denmark' } },
    { key: 'family_abroad', label: { da: 'Familie i oprindelseslandet', en: 'Family in the country of origin' } },
    { key: 'peers', label: { da: 'Jævnaldrende', en: 'Peers' } },
    { key: 'community', label: { da: 'Lokalmiljø eller trossamfund', en: 'Local community or faith community' } },
  ],
  levelRule: { severeStep: 3, substantialStep: 2, substantialCount: 2, concernStep: 1 },
  levels: [
    {
      level: 0,
      name: { da: 'Ingen tegn', en: 'No signs' },
      explanation: {
        da: 'Ud fra det, du ved nu, er der ikke tegn på negativ social kontrol. Hold fortsat øje, og lav en ny vurdering, hvis du får nye oplysninger.',
        en: 'From what you know now, there are no signs of negative social control. Keep an eye on the situation and make a new assessment if you learn more.',
      },
    },
    {
      level: 1,
      name: { da: 'Bekymring', en: 'Concern' },
      explanation: {
        da: 'Der er tegn på, at personen bliver begrænset, men endnu ikke så meget, at det er negativ social kontrol efter instrumentet. Drøft det med en kollega eller med NSK-enheden – gerne anonymt – og følg op.',
        en: 'There are signs that the person is being restricted, but not yet so much that it is negative social control according to the instrument. Discuss it with a colleague or with the NSC unit – anonymously if you like – and follow up.',
      },
    },
    {
      level: 2,
      name: { da: 'Negativ social kontrol', en: 'Negative social control' },
      explanation: {
        da: 'Personen bliver i væsentlig grad begrænset i sit liv, sine valg og sine rettigheder. Det er negativ social kontrol. Følg handleplanen, og kontakt NSK-enheden. Gælder det et barn under 18 år, har du pligt til at underrette kommunen.',
        en: 'The person is substantially restricted in their life, choices and rights. This is negative social control. Follow the action plan and contact the NSC unit. If the person is a child under 18, you have a duty to notify the municipality.',
      },
    },
    {
      level: 3,
      name: { da: 'Akut fare', en: 'Acute danger' },
      explanation: {
        da: 'Der er tegn på, at personen kan være i akut fare. Handl i dag: ring 112, hvis der er fare for liv, og kontakt NSK-enheden eller kommunens døgnberedskab med det samme. Lad ikke personen gå, før der er en plan.',
        en: 'There are signs that the person may be in acute danger. Act today: call 112 if a life is in danger, and contact the NSC unit or the municipality\'s out-of-hours service at once. Do not let the person leave before there is a plan.',
      },
    },
  ],
};
