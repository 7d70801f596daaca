/**
 * Short, everyday Danish words without æ, ø and å (so any keyboard can type them), chosen to
 * be neutral: nothing about family, faith, violence or marriage, so a code found on a piece of
 * paper reveals nothing. Four of them plus six digits make a pickup code (see pickup-code.ts).
 */
export const PICKUP_WORDS: readonly string[] = `
abrikos adresse afgang aften agat ager agern agn agurk ahorn akse akvarel akvarie album alder alf
alfabet allike alpaka alpe amber ambolt amme amulet ananas anemone anis ankel anker antal antik
appel appelsin april arena arkade arkiv arm armbaand arv asfalt aske asters atelier atlas august
avis avocado bad bade badedyr badehus bage bager bageri bagside bagvaerk bakelit bakke bakkedal bal
balje balkon ballade ballerina ballet ballon balsa balsam bambus banan bandage bane banjo bank
barber bark barn barok baron barre basar base basilikum bast bastion basun batteri bavian bede
bekken benzin beton bil bille billede binde biograf birk birkes bjaelde bjaelke bjerg blaa blaabaer
blad blank bleer blender blid blik blink blok blomkaal blomme blomst blonde blus bluse bly boble
bobler bod bog bogstav bold bolig bolle bolsje bolsjer bomstaerk bomuld bonbon bonde bonsai bord
borde borg brand brede bregne brev brik briks brille brise bro broccoli broche brok brombaer
brosten bruge brun brunkage brus bruse bruser brusk brygge bue bugt buket bukke bukkehorn bukket
bukser bulder bumerang bunke bus busk butik butterdej byge bygge bygning byhave cello cembalo chili
chokolade cirkel cirkus citadel citron cykel cyklist daase dadel dag dagbog daggry dal dalstrog
damask dame damp dampskib dans dansk dekor del delfin delta diadem diamant diesel digt digter dis
disk dobbelt doktor domino dompap drage drik drivhus drivis dronning due dug dugdraabe dukke
dukkehus dukkert dunet dybde dykker dyne dyr dyrepark dyrlaege dyse ebbe efteraar egekrone egern
egetrae egholm ekko eksamen eksport elastik elefant elevator elg elledans ellekrat elmetrae elv
emalje emblem emne endive enebaer energi engel enig enkel ert esel espresso etage etape etui
eventyr evig fabel fabrik facade fadder fag fajance fakkel falk fane fartoej farve fasan fast fat
fauna fedt feje felt fender ferie fersk fersken fest fiber figen figur fiksfakse fil film filt fin
finale finger fingerbol finte fiol firma fisk fiskebod fiskemel fisker fiskeri fjeder fjer fjord
flaade flad flag flamingo flammer flanel flaske fleece flink flise flod flodhest flok flora florin
flot flue fly flyder flyver fnug fod fodbold fodring fodspor fokus fold folder folie folk fond
forfatter forhal forhave forlag forlygte form fornuft forskel fort fortid fortov fossil foto
fragment fragt frakke fregat frem frikadel frimaerke frisk frokost frost frugt fryser fugl fuglebad
fuld fyld fynsk fyr fyrretrae fyrtaarn fyrtoj gade gaffel galakse galej galleri galop gang garage
gardin garn gartner gartneri gave gavl gazebo gazelle gear gedebuk gejser gejst gemme genbrug gilde
gips giraf gitter glad glas glasperle glasskaal glasur glat glente glimt globe globus gloed glose
gnist gobelin god godt gold golf gorilla gran granit grankogle grej gren greve grill grotte grube
grund gryde gryn guitar gul guldsmed gulerod gullak gulspurv gulv gummi gunst guru gyde gylden
gymnastik gynge haandbog hage haglbyge hakke hal haletudse halm hals hammer hamp hamster handske
hane hangar hare harmonika harpe harve hat havbund have havemand havfrue havn havneby havre havtorn
hegn hejre hejsa hejsekran hel helt hest hestesko hilsen himmel hindbaer hinde hjemlig hjort hobby
holde holm honning honningbi hop hoppe horisont horn hotel hovedpude hue hule humle hummel hummer
humor hurtig hus hvalp hvede hvid hvidloeg hvile hyacint hyben hybenrose hyggelig hyld hyrde hytte
ibis idyl igle ild indfald indgang indigo insekt iris isbjoern isflage isvaffel jadegroen jakke jam
januar jasmin jaspis jern jolle jongler jord jordbaer jubel julelys juli jumbo juni juvel kabale
kabel kabine kaffekop kage kahyt kajak kajplads kakao kaktus kalas kalender kalk kalkun kalv kamel
kamera kamille kamin kammer kampesten kanal kande kanel kanin kano kant kantate kantine kapers
kapital kapok kappe kapsel kaptajn karamel karamelle karat karavane karneval karrusel karry karse
kartoffel karton kasket kasse kassette kastanje kat katalog katteklo kaviar kegle kemi kende kerne
kig kikkert kiks kildevand kilo kilt kimono kind kiosk kirsebaer kiste kiwi klap klar klat klaver
klementin klinik klippe klode klods klog klokke klovn klub knap kno knold knop knude kobber
kobberbro kode koggen kok kokkepige kokos kokosnoed kold kolde kolibri komet komfur kompas kompot
konditor kondor konfetti konge konkylie kontor konvolut kop kopi kopper koral koralrev kork korn
korsang korsbaer korsel korsvej kort kortspil kosmos kost kostume krabbe krage kran krans krat
kridt kringle krog krokket krokus krone krus krydder kryds krydsord kube kuffert kugle kuglebane
kul kulde kulisse kunde kunst kupon kurv kurvestol kusk kvaeg kvarter kvarts kvik kvintet kvist
kylling kyst labyrint lade lager lagkage lagune lak lakeret laks lampe land lang langtur lanterne
larm larve lasagne latter lavendel lavmaelt lege legeplads legetoej lejer lejlighed lejr lemonade
lerfugl lerkrukke lilje lilla lille lime limfjord limonade line linjal linned linolie linse liste
liter loft lokal lokomotiv lomme loppe lotus lue luft lune lunte lup lupe lupin lusekofte lyd lykke
lyngbakke lynild lys lyserod maage mad madpakke mage magi magnet mahogni maj majroe majs majskolbe
makaroni makrel makron male maleri malt malurt mand mandag mandarin mandel mange mango manke
marathon marcipan marengs marine marked marmor marsvin maske maskot mast matematik matros mave
medalje medaljon mejeri mejse mejsel mel melbolle melis melodi melon mentol menu mester meteor
midsommer mikrofon mild miljo mimose minde mine minut mirabel mirakel mist mistelten mixer model
molbo mole molekyle morbaer mos mosaik mosbrun mose mosebund mosgroen motion motor muffe muldvarp
mund mur mus museum musik mutter mynte myre myretue nabo nakke narcis nat nattely nattergal natur
navn negle nektar nellike neon net nikkel nipsting nisse noder noedder nord nordlys nordpol
notesbog nougat november nudel nyhed nyserod nyskabt nyt oase obo odde odder odeon okker okse
oktober olding olie oliven omelet omnibus omvej opal opera opgave orange orangeri ordbog orkester
orkide ornament ornat ost ostehaps oval ovn padde padle pagaj pagode pakke palads palet palme panda
pande pandekage panel panter papegoje papir papirfly paprika parade paraply parasol park parkbaenk
parkering parkett parti pasform passer pasta pastel pastil pastinak patent pause pavillon peber
peberkorn peberrod pedal pejs pelikan pels pen penalhus pendul pensel pensum pergament perle
perlemor perlon perron persille picnic pil pileurt pind pindebro pindsvin pingvin pinje pipette
pirat piratskib pirol pistacie pitstop pizza plade plakat plan planet plantage plante plasma
plaster platan platin plombe plov plum plysdyr pode pokal polar polka polkagris pollen polo pomfrit
pony popcorn porcelaen porre portal porto pose post postbud postkort pote praerie pralin prik prins
prisme profil pudder pude pulver pumpe punkt pupil purlog purpur purre puslespil pynt pyramide
rabalder rabarber rabat radio radise radiser raket ramme rampe rap rapport rask ravfarve ravn reb
regn regnbue regnorm regnvejr reje rejer rejse rekord relief remoulade rensdyr rense reol revy ribs
ridder ridebane ridehest rigdom rim rimfrost ring ringe ris rod rokke rokoko rolig rombe rose
rosenkaal rosin rosmarin rubin rubinrod rude rug rugbroed rulle rund rundkirke rute rygsaek ryper
sadel safari safir safirblaa safran saft saks sakse salat salt saltkar saltstang saltvand salve
salvie samba sammen sand sandal sandaler sandbanke sandkasse sandorm sandslot sang sanger sardin
satellit satin sav savanne savsmuld seddel sejl sejlbaad sejler sejlklub selskab seng sennep
september serie servering sesam sild silke simpel sirup sjov skaal skab skabelon skaft skakbrik
skakspil skal skalotte skib skibe skilling skiloeb skjorte skole skorsten skov skovbund skovsti
skraenten skrue skuespil skulptur skumbad skumfidus skumring sky slaaen slank slikmund slot
slotsgrav slus smaakage smaastein smalfilm smaragd smil smut snak sne snebold snefnug snegl snekke
snerle snor snurre snurretop sodavand sofa sol solbaer solbrille solfanger solo solsikke solur
sommer sommerhus sort spaghetti spand spejder spejl spidsmus spil spinat spindel spinkel spir
spiral spisebord spor sport sprosse spurv staer stafet stakit stald stang start stav stearin
stempel sten stige stjerne stok stol strand strandeng strandvej strik strikke strop struds stub
stue sukat sukker sukkerroe sund suppe suppeske suppeurt svaleurt svamp svampe svane svanesang sved
sving syd sylte syltetoej symfoni syren syrentrae taarn tag tagrende tagskaeg tagsten takt tal
talerstol tallerken tand tandem tandhjul tank tapet tapir taske tavle teater tegn tegnefilm tekande
teknik tekst telefon teleskop telt tema tepotte terning terrasse tid tidsel time timian tinde
tinkrus tinsoldat tip tirsdag titel tjoern tog tomat top tophat torsdag torsk tov tovtraek
traekfugl trafik traktor trampolin tranebaer trapez trappe trekant tromme trompet tryk tuba tudse
tulipan tulipaner tunge tunnel tur turkis tusch tuschtegn tusindben tusmoerke tvilling tyr
tyttebaer ugle uglefjer ukulele uld uldsok ulv ungdom univers uro urtepotte vaegt vaerksted vaffel
vaffelis vagt valmue vals vand vandfald vandhane vandkande vandloeb vandmelon vante varm varmluft
vase veddemaal vej vejr vejrhane ventil veranda verden vest vibe vifte vild vildand vildmark vind
vindrue vindspil vindue vinge vingummi vinkel vinter vinterbad violet violin violinbue vippe
vitamin vogn vognmand volt vulkan walnod yndling yoghurt zebra zinnia zoo zucchini
`.split(/\s+/).filter(Boolean);
