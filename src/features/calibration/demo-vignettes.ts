/**
 * Demo vignettes: short, obviously fictional cases spanning all four levels, with the level the
 * unit considers right and what each one is meant to teach. Written for the demo municipality;
 * every name is invented and marked as such.
 */
export interface DemoVignette {
  title: string;
  body: string;
  expectedLevel: 0 | 1 | 2 | 3;
  teachingNote: string;
}

export const DEMO_VIGNETTES: DemoVignette[] = [
  {
    title: 'Fodboldturneringen',
    body: 'Mikkel Demo (fiktiv, 13 år) melder afbud til klubbens weekendturnering. Han fortæller træneren, at familien skal til bryllup hos en fætter i Aarhus, og at han glæder sig til at se sine kusiner. Han kommer til træning som sædvanlig ugen efter og har ellers været med til alt.\n\nTræneren har ikke hørt andet, der bekymrer.',
    expectedLevel: 0,
    teachingNote: 'Et afbud til en aktivitet er ikke i sig selv tegn på kontrol. Niveau 0: hold almindeligt øje.',
  },
  {
    title: 'Tørklædet i gymnastik',
    body: 'Leila Prøve (fiktiv, 15 år) begynder at bære tørklæde. Hun siger til sin lærer, at det er hendes eget valg, og at hendes mor faktisk synes, hun er for ung. Hun deltager i gymnastik og svømning i heldragt og er glad i klassen.',
    expectedLevel: 0,
    teachingNote: 'Religiøs praksis, som personen selv vælger og kan fravælge, er ikke negativ social kontrol. Pas på ikke at lade egne antagelser styre vurderingen.',
  },
  {
    title: 'Lejrskolen',
    body: 'Sara Eksempel (fiktiv, 12 år) må ikke komme med på klassens lejrskole med overnatning. Faren har skrevet til læreren, at "piger ikke sover ude". Sara går til håndbold to gange om ugen og må gerne være sammen med veninder efter skole. Hun virker ked af det med lejrskolen, men trives ellers.',
    expectedLevel: 1,
    teachingNote: 'Én tydelig begrænsning på ét område (trin 1–2 i "skole og fritid") giver bekymring, ikke negativ social kontrol. Tal med eleven og drøft det evt. anonymt med NSK-enheden.',
  },
  {
    title: 'Broren holder øje',
    body: 'Yasmin Fiktiv (16 år, fiktiv) fortæller sin klubmedarbejder, at storebroren nogle gange dukker op, når hun er i byen med veninder, og at han fortæller forældrene, hvem hun har været sammen med. Hun griner af det, men siger også, at det er irriterende, og at hun ikke tør tage en ven med hjem.',
    expectedLevel: 1,
    teachingNote: 'Overvågning fra søskende, der af og til rapporterer hjem: trin 1 i "overvågning" og "venner". Bekymring. Følg op og spørg ind igen.',
  },
  {
    title: 'Jobtilbuddet',
    body: 'Fatima Demo (fiktiv, 34 år) har fået tilbudt et job i et supermarked gennem jobcentret. Hun vil gerne, men siger til jobkonsulenten, at hendes mand mener, det er upassende at arbejde med mænd, og at hun "må se, om han ændrer mening". Hun kommer alene til samtalerne og har selv sin telefon.',
    expectedLevel: 1,
    teachingNote: 'Pres fra ægtefællen om arbejde, men hun kan stadig træffe valget: trin 1–2 på ét område. Bekymring. Tal med hende alene om, hvad hun selv ønsker.',
  },
  {
    title: 'Telefonen og vennerne',
    body: 'Amina Prøve (fiktiv, 15 år) må kun se to veninder, som forældrene har godkendt. Moren gennemgår hendes telefon hver aften, og hun har ikke lov til at have profiler på sociale medier. Hun fortæller sin lærer, at hun også skal sige, hvor hun er, hver gang hun forlader skolen, og at hun ofte bliver hentet.',
    expectedLevel: 2,
    teachingNote: 'Betydelige begrænsninger på to områder (venner/digitalt liv og privatliv) giver niveau 2: negativ social kontrol. Underretningspligt, da hun er under 18.',
  },
  {
    title: 'Kæresten',
    body: 'Omar Eksempel (fiktiv, 17 år) har en kæreste fra en anden etnisk baggrund. Han fortæller SSP-medarbejderen, at hans far har sagt, at han bliver smidt ud, hvis forholdet ikke slutter, og at onklerne er blevet inddraget. Han har flyttet sine ting hen til en ven "for en sikkerheds skyld", men bor stadig hjemme.',
    expectedLevel: 2,
    teachingNote: 'Valg af kæreste (trin 2) og trussel om udstødelse i en generationskonflikt (trin 2): niveau 2. Drenge udsættes også for negativ social kontrol. Vær opmærksom på, om truslerne bliver konkrete – så er det et rødt flag.',
  },
  {
    title: 'Uddannelsen der blev stoppet',
    body: 'Zainab Demo (fiktiv, 19 år) har afbrudt sin uddannelse som social- og sundhedsassistent. Hun fortæller UU-vejlederen, at familien har besluttet, at hun skal blive hjemme og hjælpe, indtil hun bliver gift, og at hun ikke må tage arbejde uden for hjemmet. Hun må gå i moskéen og handle med sin mor.',
    expectedLevel: 2,
    teachingNote: 'Forhindret i uddannelse og arbejde (trin 3 på ét område) giver niveau 2, også selvom personen er voksen. Her kræves samtykke for at give navn videre til NSK-enheden.',
  },
  {
    title: 'Sundhedsplejerskens besøg',
    body: 'Ved sundhedsplejerskens besøg hos en fiktiv familie (mor Hana, 24 år, og en baby på fire måneder) svarer svigermoren på alle spørgsmål. Hana siger næsten intet, har ingen telefon og må ifølge svigermoren ikke gå ud alene "fordi hun ikke kender byen". Hana har boet i Danmark i to år og går ikke på sprogskole.',
    expectedLevel: 2,
    teachingNote: 'Isolation og kontrol af bevægelsesfrihed (trin 2) sammen med begrænsning af uddannelse (trin 2–3): niveau 2. Find en måde at tale med moren alene på, med professionel tolk. Overvej, om den professionelle vurdering bør hæve til 3, hvis hun ikke kan forlade hjemmet.',
  },
  {
    title: 'Sommerferien',
    body: 'Nadia Fiktiv (fiktiv, 14 år) fortæller sin lærer i juni, at familien skal til forældrenes hjemland i sommerferien, og at hun har hørt sin mor sige i telefonen, at hun "skal blive der, til hun har lært at opføre sig". Hun græder og spørger, om hun kan få lov til at blive i Danmark.',
    expectedLevel: 3,
    teachingNote: 'Planlagt rejse, som barnet frygter ikke at komme hjem fra, er et rødt flag: niveau 3, akut fare. Underret straks, og kontakt NSK-enheden samme dag; kommunen kan træffe afgørelse om udrejseforbud.',
  },
  {
    title: 'Truslen',
    body: 'Mariam Prøve (fiktiv, 17 år) kommer til skolens socialrådgiver og viser en besked fra sin fætter: "Hvis du ikke kommer hjem nu, ved du, hvad der sker." Hun fortæller, at hun blev set med en dreng i weekenden, og at faren har sagt, at hun har vanæret familien. Hun tør ikke tage hjem i dag.',
    expectedLevel: 3,
    teachingNote: 'Trusler og et ønske om ikke at tage hjem er røde flag: niveau 3. Lad hende ikke gå hjem, ring til NSK-enheden med det samme, og ring 112 ved fare for liv.',
  },
  {
    title: 'Forlovelsen',
    body: 'Aisha Demo (fiktiv, 18 år) fortæller sin mentor fra en frivillig forening, at hun er blevet forlovet med en fætter, hun aldrig har mødt, og at brylluppet skal holdes i udlandet om en måned. Hun siger, at hun ikke har sagt ja, men at "man ikke kan sige nej i min familie". Hun har ikke adgang til sit eget pas.',
    expectedLevel: 3,
    teachingNote: 'Planlagt tvangsægteskab og planlagt rejse: røde flag, niveau 3. Hun er voksen, men ved fare for liv og frihed må der altid handles. Inddrag sikkerhedskonsulenterne.',
  },
];
