"""The seeded vocabularies (0002) in the catalogue's other languages: es, ca, eu, nb, sv, it, fr,
de (the English ones are 0021's).

A term is found by its slug; one that no longer exists is skipped, and a translation an editor
has already entered is kept, as is one whose name another term already has in that language (the
names are unique per language). The terms follow the EU's own texts in each language (its
acronyms for the funds, "Lernmobilität", "maintien dans l'emploi"); Basque follows the Basque
Government and Lanbide (EGF+, EGEF), Norwegian Bokmål follows NAV. Backwards: nothing to undo.
"""

from django.db import migrations

# The seeded slugs of each vocabulary (0002), so that a slug only ever matches its own model.
SLUGS = {
    "TargetGroup": (
        "neets", "persons-with-disabilities", "migrants-and-refugees", "long-term-unemployed",
        "adults-with-low-formal-education", "older-workers", "people-outside-the-labour-market",
        "young-people", "women",
    ),
    "Theme": (
        "upskilling-and-reskilling", "learning-mobility", "inclusive-and-supported-employment",
        "guidance-and-counselling", "work-based-learning-and-apprenticeships",
        "employer-engagement", "validation-of-prior-learning", "retention-in-work",
        "digital-skills", "regional-skills-partnerships",
    ),
    "FundingSource": (
        "esf-plus", "erasmus-plus", "alma", "erdf", "interreg", "national", "regional",
        "own-funds",
    ),
}

# slug -> language -> (name, description)
TRANSLATIONS = {
    # Target groups
    "neets": {
        "es": ("Jóvenes que ni estudian ni trabajan",
               "Jóvenes que ni estudian, ni trabajan, ni reciben formación."),
        "ca": ("Joves que ni estudien ni treballen",
               "Joves que ni estudien, ni treballen, ni reben cap formació."),
        "eu": ("NEET gazteak",
               "Ikasten, lanean edo prestakuntzan ari ez diren gazteak."),
        "nb": ("Unge utenfor arbeid og utdanning",
               "Unge som verken er i arbeid, utdanning eller opplæring."),
        "sv": ("Unga som varken arbetar eller studerar",
               "Unga som varken arbetar, studerar eller deltar i någon utbildning."),
        "it": ("Giovani NEET",
               "Giovani che non lavorano e non frequentano percorsi di istruzione o formazione."),
        "fr": ("Jeunes NEET",
               "Jeunes qui ne sont ni en emploi, ni en études, ni en formation."),
        "de": ("NEETs",
               "Junge Menschen, die weder erwerbstätig sind noch sich in Schule, Studium oder "
               "Ausbildung befinden."),
    },
    "persons-with-disabilities": {
        "es": ("Personas con discapacidad",
               "Personas con discapacidad física, sensorial, intelectual o psicosocial."),
        "ca": ("Persones amb discapacitat",
               "Persones amb discapacitat física, sensorial, intel·lectual o psicosocial."),
        "eu": ("Desgaitasuna duten pertsonak",
               "Desgaitasun fisikoa, sentsoriala, intelektuala edo psikosoziala duten pertsonak."),
        "nb": ("Personer med funksjonsnedsettelse",
               "Personer med fysisk, sensorisk, intellektuell eller psykososial "
               "funksjonsnedsettelse."),
        "sv": ("Personer med funktionsnedsättning",
               "Personer med fysisk, sensorisk, intellektuell eller psykosocial "
               "funktionsnedsättning."),
        "it": ("Persone con disabilità",
               "Persone con disabilità fisiche, sensoriali, intellettive o psicosociali."),
        "fr": ("Personnes handicapées",
               "Personnes ayant un handicap physique, sensoriel, intellectuel ou psychosocial."),
        "de": ("Menschen mit Behinderungen",
               "Menschen mit körperlichen, Sinnes-, geistigen oder psychosozialen "
               "Behinderungen."),
    },
    "migrants-and-refugees": {
        "es": ("Migrantes y refugiados",
               "Migrantes recién llegados, refugiados y solicitantes de asilo, así como personas "
               "de origen migrante."),
        "ca": ("Persones migrades i refugiades",
               "Persones migrades arribades recentment, refugiades i sol·licitants d'asil, així "
               "com persones d'origen migrant."),
        "eu": ("Migratzaileak eta errefuxiatuak",
               "Iritsi berri diren migratzaileak, errefuxiatuak eta asilo-eskatzaileak, bai eta "
               "jatorri migratzailea duten pertsonak ere."),
        "nb": ("Innvandrere og flyktninger",
               "Nyankomne innvandrere, flyktninger og asylsøkere, og personer med "
               "innvandrerbakgrunn."),
        "sv": ("Migranter och flyktingar",
               "Nyanlända migranter, flyktingar och asylsökande samt personer med utländsk "
               "bakgrund."),
        "it": ("Migranti e rifugiati",
               "Migranti appena arrivati, rifugiati e richiedenti asilo, nonché persone con "
               "background migratorio."),
        "fr": ("Migrants et réfugiés",
               "Migrants nouvellement arrivés, réfugiés et demandeurs d'asile, ainsi que "
               "personnes issues de l'immigration."),
        "de": ("Zugewanderte und Geflüchtete",
               "Neu zugewanderte Menschen, Geflüchtete und Asylsuchende sowie Menschen mit "
               "Migrationshintergrund."),
    },
    "long-term-unemployed": {
        "es": ("Personas desempleadas de larga duración",
               "Personas que llevan doce meses o más en situación de desempleo."),
        "ca": ("Persones aturades de llarga durada",
               "Persones en situació d'atur des de fa dotze mesos o més."),
        "eu": ("Iraupen luzeko langabeak",
               "Hamabi hilabete edo gehiago langabezian daramatzaten pertsonak."),
        "nb": ("Langtidsledige",
               "Personer som har vært arbeidsledige i tolv måneder eller mer."),
        "sv": ("Långtidsarbetslösa",
               "Personer som har varit arbetslösa i tolv månader eller mer."),
        "it": ("Disoccupati di lunga durata",
               "Persone disoccupate da dodici mesi o più."),
        "fr": ("Chômeurs de longue durée",
               "Personnes au chômage depuis douze mois ou plus."),
        "de": ("Langzeitarbeitslose",
               "Menschen, die seit zwölf Monaten oder länger arbeitslos sind."),
    },
    "adults-with-low-formal-education": {
        "es": ("Adultos con bajo nivel de estudios",
               "Adultos que tienen, como máximo, la primera etapa de educación secundaria, o "
               "cuyas cualificaciones han quedado obsoletas."),
        "ca": ("Adults amb baix nivell d'estudis",
               "Adults que tenen, com a màxim, la primera etapa de l'educació secundària, o amb "
               "qualificacions que han quedat obsoletes."),
        "eu": ("Ikasketa-maila baxuko helduak",
               "Gehienez bigarren hezkuntzako lehen etapa amaitu duten helduak, edo kualifikazio "
               "zaharkituak dituztenak."),
        "nb": ("Voksne med lite formell utdanning",
               "Voksne med grunnskole som høyeste utdanning, eller med utdaterte "
               "kvalifikasjoner."),
        "sv": ("Vuxna med kort formell utbildning",
               "Vuxna med högst grundskoleutbildning eller med föråldrade kvalifikationer."),
        "it": ("Adulti con bassi livelli di istruzione",
               "Adulti con al massimo un titolo di istruzione secondaria inferiore, o con "
               "qualifiche ormai superate."),
        "fr": ("Adultes peu qualifiés",
               "Adultes ayant au plus achevé le premier cycle de l'enseignement secondaire, ou "
               "dont les qualifications sont dépassées."),
        "de": ("Geringqualifizierte Erwachsene",
               "Erwachsene mit höchstens einem Abschluss der Sekundarstufe I oder mit veralteten "
               "Qualifikationen."),
    },
    "older-workers": {
        "es": ("Personas trabajadoras de más edad",
               "Personas trabajadoras de 55 años o más, y su mantenimiento en el empleo."),
        "ca": ("Persones treballadores grans",
               "Persones treballadores de 55 anys o més, i la seva continuïtat a la feina."),
        "eu": ("Langile helduak",
               "55 urteko edo gehiagoko langileak, eta haiek lanean jarraitzea."),
        "nb": ("Eldre arbeidstakere",
               "Arbeidstakere på 55 år og eldre, og å beholde dem i arbeid."),
        "sv": ("Äldre arbetstagare",
               "Arbetstagare som är 55 år eller äldre, och att behålla dem i arbete."),
        "it": ("Lavoratori anziani",
               "Lavoratori di età pari o superiore a 55 anni, e la loro permanenza al lavoro."),
        "fr": ("Travailleurs âgés",
               "Travailleurs âgés de 55 ans et plus, et leur maintien dans l'emploi."),
        "de": ("Ältere Beschäftigte",
               "Beschäftigte ab 55 Jahren und ihr Verbleib im Erwerbsleben."),
    },
    "people-outside-the-labour-market": {
        "es": ("Personas fuera del mercado laboral",
               "Personas que ni trabajan ni buscan empleo, por ejemplo tras una enfermedad "
               "prolongada."),
        "ca": ("Persones fora del mercat laboral",
               "Persones que ni treballen ni busquen feina, per exemple després d'una malaltia "
               "llarga."),
        "eu": ("Lan-merkatutik kanpo dauden pertsonak",
               "Lanean ari ez diren eta lanik bilatzen ez duten pertsonak, adibidez gaixotasun "
               "luze baten ondoren."),
        "nb": ("Personer utenfor arbeidslivet",
               "Personer som verken er i arbeid eller søker arbeid, for eksempel etter langvarig "
               "sykdom."),
        "sv": ("Personer utanför arbetsmarknaden",
               "Personer som varken arbetar eller söker arbete, till exempel efter långvarig "
               "sjukdom."),
        "it": ("Persone fuori dal mercato del lavoro",
               "Persone che non lavorano né cercano lavoro, ad esempio dopo una lunga malattia."),
        "fr": ("Personnes hors du marché du travail",
               "Personnes qui ne travaillent pas et ne cherchent pas d'emploi, par exemple après "
               "une longue maladie."),
        "de": ("Menschen außerhalb des Arbeitsmarkts",
               "Menschen, die weder erwerbstätig noch arbeitsuchend sind, etwa nach langer "
               "Krankheit."),
    },
    "young-people": {
        "es": ("Jóvenes",
               "Jóvenes en general, escolarizados o en la transición al empleo."),
        "ca": ("Joves",
               "Joves en general, escolaritzats o en la transició al món laboral."),
        "eu": ("Gazteak",
               "Gazteak oro har, eskolan edo lan-mundurako trantsizioan daudenak."),
        "nb": ("Unge",
               "Unge generelt, i skolen eller i overgangen til arbeid."),
        "sv": ("Unga",
               "Unga i allmänhet, i skolan eller i övergången till arbetslivet."),
        "it": ("Giovani",
               "Giovani in generale, a scuola o nella transizione verso il lavoro."),
        "fr": ("Jeunes",
               "Jeunes en général, scolarisés ou en transition vers l'emploi."),
        "de": ("Junge Menschen",
               "Junge Menschen allgemein, in der Schule oder im Übergang in den Beruf."),
    },
    "women": {
        "es": ("Mujeres",
               "Mujeres que encuentran obstáculos para acceder al empleo o progresar en su "
               "carrera profesional."),
        "ca": ("Dones",
               "Dones que troben obstacles per accedir a l'ocupació o progressar en la carrera "
               "professional."),
        "eu": ("Emakumeak",
               "Enplegua lortzeko edo lanbide-karreran aurrera egiteko oztopoak dituzten "
               "emakumeak."),
        "nb": ("Kvinner",
               "Kvinner som møter hindringer for å komme i arbeid eller utvikle seg i "
               "karrieren."),
        "sv": ("Kvinnor",
               "Kvinnor som möter hinder för att få arbete eller utvecklas i sin karriär."),
        "it": ("Donne",
               "Donne che incontrano ostacoli nell'accesso al lavoro o nella progressione di "
               "carriera."),
        "fr": ("Femmes",
               "Femmes confrontées à des obstacles pour accéder à l'emploi ou progresser dans "
               "leur carrière."),
        "de": ("Frauen",
               "Frauen, die beim Zugang zu Beschäftigung oder beim beruflichen Aufstieg auf "
               "Hindernisse stoßen."),
    },
    # Themes
    "upskilling-and-reskilling": {
        "es": ("Mejora de capacidades y recualificación",
               "Ayudar a las personas a adquirir nuevas capacidades o actualizar las que ya "
               "tienen."),
        "ca": ("Perfeccionament i requalificació",
               "Ajudar les persones a adquirir noves competències o a actualitzar les que ja "
               "tenen."),
        "eu": ("Gaitasunak hobetzea eta birkualifikatzea",
               "Pertsonei gaitasun berriak eskuratzen edo dituztenak eguneratzen laguntzea."),
        "nb": ("Kompetanseheving og omskolering",
               "Hjelpe folk med å tilegne seg ny kompetanse eller oppdatere den de har."),
        "sv": ("Kompetenshöjning och omskolning",
               "Hjälpa människor att skaffa sig ny kompetens eller uppdatera den de har."),
        "it": ("Aggiornamento e riqualificazione",
               "Aiutare le persone ad acquisire nuove competenze o ad aggiornare quelle che già "
               "possiedono."),
        "fr": ("Perfectionnement et reconversion",
               "Aider les personnes à acquérir de nouvelles compétences ou à actualiser celles "
               "qu'elles possèdent."),
        "de": ("Weiterbildung und Umschulung",
               "Menschen dabei unterstützen, neue Kompetenzen zu erwerben oder vorhandene auf "
               "den neuesten Stand zu bringen."),
    },
    "learning-mobility": {
        "es": ("Movilidad por motivos de aprendizaje",
               "Estancias en el extranjero para aprender o adquirir experiencia laboral, como "
               "ALMA o Erasmus+."),
        "ca": ("Mobilitat per a l'aprenentatge",
               "Estades a l'estranger per aprendre o adquirir experiència laboral, com ara ALMA "
               "o Erasmus+."),
        "eu": ("Ikaskuntzarako mugikortasuna",
               "Atzerrian egiten diren egonaldiak, ikasteko edo lan-esperientzia eskuratzeko, "
               "hala nola ALMA edo Erasmus+."),
        "nb": ("Læringsmobilitet",
               "Opphold i utlandet for læring eller arbeidserfaring, som ALMA eller Erasmus+."),
        "sv": ("Mobilitet i utbildningssyfte",
               "Vistelser utomlands för lärande eller arbetslivserfarenhet, till exempel ALMA "
               "eller Erasmus+."),
        "it": ("Mobilità ai fini dell'apprendimento",
               "Soggiorni all'estero per apprendimento o esperienza lavorativa, come ALMA o "
               "Erasmus+."),
        "fr": ("Mobilité à des fins d'apprentissage",
               "Séjours à l'étranger pour apprendre ou acquérir une expérience professionnelle, "
               "comme ALMA ou Erasmus+."),
        "de": ("Lernmobilität",
               "Auslandsaufenthalte zum Lernen oder für Berufserfahrung, etwa mit ALMA oder "
               "Erasmus+."),
    },
    "inclusive-and-supported-employment": {
        "es": ("Empleo inclusivo y con apoyo",
               "Puestos de trabajo adaptados a la persona, con apoyo en el lugar de trabajo."),
        "ca": ("Ocupació inclusiva i amb suport",
               "Llocs de treball adaptats a la persona, amb suport al lloc de treball."),
        "eu": ("Enplegu inklusiboa eta laguntzaduna",
               "Pertsonari egokitutako lanpostuak, lantokian bertan laguntza dutenak."),
        "nb": ("Inkludering og arbeid med støtte",
               "Arbeid tilrettelagt for den enkelte, med støtte på arbeidsplassen."),
        "sv": ("Inkludering och arbete med stöd",
               "Arbeten som anpassas efter personen, med stöd på arbetsplatsen."),
        "it": ("Occupazione inclusiva e assistita",
               "Posti di lavoro adattati alla persona, con sostegno sul luogo di lavoro."),
        "fr": ("Emploi inclusif et accompagné",
               "Emplois adaptés à la personne, avec un accompagnement sur le lieu de travail."),
        "de": ("Inklusive und unterstützte Beschäftigung",
               "An den Menschen angepasste Arbeitsplätze mit Unterstützung am Arbeitsplatz."),
    },
    "guidance-and-counselling": {
        "es": ("Orientación y asesoramiento",
               "Orientación profesional, coaching y asesoramiento."),
        "ca": ("Orientació i assessorament",
               "Orientació professional, coaching i assessorament."),
        "eu": ("Orientazioa eta aholkularitza",
               "Lanbide-orientazioa, coachinga eta aholkularitza."),
        "nb": ("Veiledning og rådgivning",
               "Karriereveiledning, coaching og rådgivning."),
        "sv": ("Vägledning och rådgivning",
               "Karriärvägledning, coachning och rådgivning."),
        "it": ("Orientamento e consulenza",
               "Orientamento professionale, coaching e consulenza."),
        "fr": ("Orientation et conseil",
               "Orientation professionnelle, coaching et conseil."),
        "de": ("Bildungs- und Berufsberatung",
               "Berufsorientierung, Coaching und Beratung."),
    },
    "work-based-learning-and-apprenticeships": {
        "es": ("Aprendizaje en el trabajo y FP dual",
               "Aprendizaje en el lugar de trabajo, formación de aprendices y prácticas."),
        "ca": ("Aprenentatge en el treball i FP dual",
               "Aprenentatge al lloc de treball, formació d'aprenents i pràctiques."),
        "eu": ("Lantokiko ikaskuntza eta heziketa duala",
               "Lantokian ikastea, txandakako prestakuntza eta praktikak."),
        "nb": ("Læring i arbeid og lærlingordninger",
               "Læring på arbeidsplassen, lærlingordninger og praksisplasser."),
        "sv": ("Lärande i arbete och lärlingsutbildning",
               "Lärande på arbetsplatsen, lärlingsutbildning och praktik."),
        "it": ("Apprendimento sul lavoro e apprendistato",
               "Apprendimento sul luogo di lavoro, apprendistato e tirocini."),
        "fr": ("Alternance et apprentissage",
               "Apprentissage en situation de travail, contrats d'apprentissage et stages."),
        "de": ("Lernen im Betrieb und duale Ausbildung",
               "Lernen am Arbeitsplatz, Lehrlingsausbildung und Praktika."),
    },
    "employer-engagement": {
        "es": ("Implicación de las empresas",
               "Trabajar con las empresas para contratar y retener a personas de grupos "
               "infrarrepresentados."),
        "ca": ("Implicació de les empreses",
               "Treballar amb les empreses per contractar i retenir persones de col·lectius "
               "infrarepresentats."),
        "eu": ("Enpresen inplikazioa",
               "Enpresekin lankidetzan aritzea, gutxiegi ordezkatutako taldeetako pertsonak "
               "kontratatu eta lanean mantentzeko."),
        "nb": ("Samarbeid med arbeidsgivere",
               "Samarbeid med arbeidsgivere om å rekruttere og beholde personer fra "
               "underrepresenterte grupper."),
        "sv": ("Samverkan med arbetsgivare",
               "Samarbete med arbetsgivare för att rekrytera och behålla personer från "
               "underrepresenterade grupper."),
        "it": ("Coinvolgimento dei datori di lavoro",
               "Collaborare con i datori di lavoro per assumere e trattenere persone "
               "appartenenti a gruppi sottorappresentati."),
        "fr": ("Mobilisation des employeurs",
               "Travailler avec les employeurs pour recruter et fidéliser des personnes issues "
               "de groupes sous-représentés."),
        "de": ("Einbindung von Arbeitgebern",
               "Zusammenarbeit mit Arbeitgebern, um Menschen aus unterrepräsentierten Gruppen "
               "einzustellen und zu halten."),
    },
    "validation-of-prior-learning": {
        "es": ("Validación del aprendizaje previo",
               "Reconocimiento de las competencias adquiridas fuera de la educación formal."),
        "ca": ("Validació de l'aprenentatge previ",
               "Reconeixement de les competències adquirides fora de l'educació formal."),
        "eu": ("Aurretiko ikaskuntzen baliozkotzea",
               "Hezkuntza formaletik kanpo eskuratutako gaitasunak aitortzea."),
        "nb": ("Realkompetansevurdering",
               "Anerkjennelse av kompetanse tilegnet utenfor formell utdanning."),
        "sv": ("Validering av tidigare lärande",
               "Erkännande av kompetens som förvärvats utanför den formella utbildningen."),
        "it": ("Convalida degli apprendimenti pregressi",
               "Riconoscimento delle competenze acquisite al di fuori dell'istruzione formale."),
        "fr": ("Validation des acquis",
               "Reconnaissance des compétences acquises en dehors de l'éducation formelle."),
        "de": ("Validierung von Kompetenzen",
               "Anerkennung von Kompetenzen, die außerhalb der formalen Bildung erworben "
               "wurden."),
    },
    "retention-in-work": {
        "es": ("Mantenimiento en el empleo",
               "Ayudar a las personas a mantener su empleo a medida que cambian sus "
               "necesidades."),
        "ca": ("Manteniment en el lloc de treball",
               "Ajudar les persones a mantenir la feina a mesura que canvien les seves "
               "necessitats."),
        "eu": ("Enpleguari eustea",
               "Pertsonei lanean jarraitzen laguntzea, haien beharrak aldatu ahala."),
        "nb": ("Fastholdelse i arbeid",
               "Hjelpe folk med å bli i arbeid når behovene deres endrer seg."),
        "sv": ("Bibehållen anställning",
               "Hjälpa människor att stanna kvar i arbete när deras behov förändras."),
        "it": ("Mantenimento del posto di lavoro",
               "Aiutare le persone a restare al lavoro quando le loro esigenze cambiano."),
        "fr": ("Maintien dans l'emploi",
               "Aider les personnes à rester en emploi lorsque leurs besoins évoluent."),
        "de": ("Verbleib in Beschäftigung",
               "Menschen dabei unterstützen, im Beruf zu bleiben, wenn sich ihre Bedürfnisse "
               "ändern."),
    },
    "digital-skills": {
        "es": ("Competencias digitales", "Competencias digitales básicas y avanzadas."),
        "ca": ("Competències digitals", "Competències digitals bàsiques i avançades."),
        "eu": ("Gaitasun digitalak",
               "Oinarrizko gaitasun digitalak eta gaitasun digital aurreratuak."),
        "nb": ("Digitale ferdigheter", "Grunnleggende og avanserte digitale ferdigheter."),
        "sv": ("Digitala färdigheter", "Grundläggande och avancerade digitala färdigheter."),
        "it": ("Competenze digitali", "Competenze digitali di base e avanzate."),
        "fr": ("Compétences numériques", "Compétences numériques de base et avancées."),
        "de": ("Digitale Kompetenzen",
               "Grundlegende und fortgeschrittene digitale Kompetenzen."),
    },
    "regional-skills-partnerships": {
        "es": ("Asociaciones regionales de capacidades",
               "Regiones, empresas y entidades de formación que planifican conjuntamente las "
               "capacidades necesarias."),
        "ca": ("Aliances regionals de competències",
               "Regions, empreses i entitats de formació que planifiquen conjuntament les "
               "competències necessàries."),
        "eu": ("Eskualdeko gaitasun-aliantzak",
               "Eskualdeek, enpresek eta prestakuntza-erakundeek elkarrekin planifikatzen "
               "dituzte beharrezko gaitasunak."),
        "nb": ("Regionale kompetansepartnerskap",
               "Regioner, arbeidsgivere og utdanningstilbydere som planlegger "
               "kompetansebehovet sammen."),
        "sv": ("Regionala kompetenspartnerskap",
               "Regioner, arbetsgivare och utbildningsanordnare som planerar "
               "kompetensförsörjningen tillsammans."),
        "it": ("Partenariati regionali per le competenze",
               "Regioni, datori di lavoro ed enti di formazione che pianificano insieme le "
               "competenze necessarie."),
        "fr": ("Partenariats régionaux de compétences",
               "Régions, employeurs et organismes de formation qui planifient ensemble les "
               "compétences nécessaires."),
        "de": ("Regionale Kompetenzpartnerschaften",
               "Regionen, Arbeitgeber und Bildungsanbieter, die den Kompetenzbedarf gemeinsam "
               "planen."),
    },
    # Funding sources
    "esf-plus": {
        "es": ("FSE+", "Fondo Social Europeo Plus."),
        "ca": ("FSE+", "Fons Social Europeu Plus."),
        "eu": ("EGF+", "Europako Gizarte Funtsa Plus."),
        "nb": ("ESF+", "Det europeiske sosialfondet pluss."),
        "sv": ("ESF+", "Europeiska socialfonden+."),
        "it": ("FSE+", "Fondo sociale europeo Plus."),
        "fr": ("FSE+", "Fonds social européen plus."),
        "de": ("ESF+", "Europäischer Sozialfonds Plus."),
    },
    "erasmus-plus": {
        "es": ("Erasmus+",
               "El programa de la UE para la educación, la formación, la juventud y el "
               "deporte."),
        "ca": ("Erasmus+",
               "El programa de la UE per a l'educació, la formació, la joventut i l'esport."),
        "eu": ("Erasmus+",
               "Hezkuntzarako, prestakuntzarako, gazteriarako eta kirolerako EBren programa."),
        "nb": ("Erasmus+",
               "EUs program for utdanning, opplæring, ungdom og idrett."),
        "sv": ("Erasmus+",
               "EU:s program för allmän och yrkesinriktad utbildning, ungdom och idrott."),
        "it": ("Erasmus+",
               "Il programma dell'UE per l'istruzione, la formazione, la gioventù e lo sport."),
        "fr": ("Erasmus+",
               "Le programme de l'UE pour l'éducation, la formation, la jeunesse et le sport."),
        "de": ("Erasmus+",
               "Das EU-Programm für allgemeine und berufliche Bildung, Jugend und Sport."),
    },
    "alma": {
        "es": ("ALMA",
               "Aim, Learn, Master, Achieve: la iniciativa de movilidad del FSE+ para jóvenes "
               "que ni estudian ni trabajan."),
        "ca": ("ALMA",
               "Aim, Learn, Master, Achieve: la iniciativa de mobilitat del FSE+ per a joves "
               "que ni estudien ni treballen."),
        "eu": ("ALMA",
               "Aim, Learn, Master, Achieve: EGF+ funtsaren mugikortasun-ekimena, NEET "
               "gazteentzat."),
        "nb": ("ALMA",
               "Aim, Learn, Master, Achieve: mobilitetsinitiativet i ESF+ for unge utenfor "
               "arbeid og utdanning."),
        "sv": ("ALMA",
               "Aim, Learn, Master, Achieve: mobilitetsinitiativet inom ESF+ för unga som "
               "varken arbetar eller studerar."),
        "it": ("ALMA",
               "Aim, Learn, Master, Achieve: l'iniziativa di mobilità del FSE+ per i giovani "
               "NEET."),
        "fr": ("ALMA",
               "Aim, Learn, Master, Achieve : l'initiative de mobilité du FSE+ pour les jeunes "
               "NEET."),
        "de": ("ALMA",
               "Aim, Learn, Master, Achieve: die Mobilitätsinitiative des ESF+ für NEETs."),
    },
    "erdf": {
        "es": ("FEDER", "Fondo Europeo de Desarrollo Regional."),
        "ca": ("FEDER", "Fons Europeu de Desenvolupament Regional."),
        "eu": ("EGEF", "Eskualde Garapenerako Europako Funtsa."),
        "nb": ("ERDF", "Det europeiske fondet for regional utvikling."),
        "sv": ("Eruf", "Europeiska regionala utvecklingsfonden."),
        "it": ("FESR", "Fondo europeo di sviluppo regionale."),
        "fr": ("FEDER", "Fonds européen de développement régional."),
        "de": ("EFRE", "Europäischer Fonds für regionale Entwicklung."),
    },
    "interreg": {
        "es": ("Interreg", "Cooperación territorial europea."),
        "ca": ("Interreg", "Cooperació territorial europea."),
        "eu": ("Interreg", "Europako lurralde-lankidetza."),
        "nb": ("Interreg", "Europeisk territorielt samarbeid."),
        "sv": ("Interreg", "Europeiskt territoriellt samarbete."),
        "it": ("Interreg", "Cooperazione territoriale europea."),
        "fr": ("Interreg", "Coopération territoriale européenne."),
        "de": ("Interreg", "Europäische territoriale Zusammenarbeit."),
    },
    "national": {
        "es": ("Fondos nacionales", "Financiación de un gobierno o un organismo nacional."),
        "ca": ("Fons estatals", "Finançament d'un govern o un organisme estatal."),
        "eu": ("Estatuko funtsak", "Estatuko gobernu edo erakunde baten finantzaketa."),
        "nb": ("Nasjonale midler",
               "Finansiering fra nasjonale myndigheter eller en statlig etat."),
        "sv": ("Nationella medel", "Finansiering från en nationell regering eller myndighet."),
        "it": ("Fondi nazionali", "Finanziamenti di un governo o di un ente nazionale."),
        "fr": ("Fonds nationaux", "Financement d'un gouvernement ou d'un organisme national."),
        "de": ("Nationale Mittel", "Finanzierung durch eine nationale Regierung oder Behörde."),
    },
    "regional": {
        "es": ("Fondos regionales", "Financiación de una administración regional o local."),
        "ca": ("Fons regionals", "Finançament d'una administració regional o local."),
        "eu": ("Eskualdeko funtsak",
               "Eskualdeko edo tokiko administrazio baten finantzaketa."),
        "nb": ("Regionale midler", "Finansiering fra en regional eller lokal myndighet."),
        "sv": ("Regionala medel", "Finansiering från en regional eller lokal myndighet."),
        "it": ("Fondi regionali", "Finanziamenti di un ente regionale o locale."),
        "fr": ("Fonds régionaux", "Financement d'une collectivité régionale ou locale."),
        "de": ("Regionale Mittel",
               "Finanzierung durch eine regionale oder kommunale Behörde."),
    },
    "own-funds": {
        "es": ("Recursos propios", "El presupuesto propio de la organización."),
        "ca": ("Recursos propis", "El pressupost propi de l'organització."),
        "eu": ("Baliabide propioak", "Erakundearen beraren aurrekontua."),
        "nb": ("Egne midler", "Organisasjonens eget budsjett."),
        "sv": ("Egna medel", "Organisationens egen budget."),
        "it": ("Risorse proprie", "Il bilancio proprio dell'organizzazione."),
        "fr": ("Autofinancement", "Le budget propre de l'organisation."),
        "de": ("Eigenmittel", "Das eigene Budget der Organisation."),
    },
}


def is_empty(value) -> bool:
    return not (value or "").strip()


def translate(apps, schema_editor):
    for model_name, slugs in SLUGS.items():
        model = apps.get_model("practices", model_name)
        for term in model.objects.filter(slug__in=slugs):
            changes = {}
            for language, (name, description) in TRANSLATIONS[term.slug].items():
                name_field, description_field = f"name_{language}", f"description_{language}"
                taken = (
                    model.objects.filter(**{name_field: name}).exclude(pk=term.pk).exists()
                )
                if is_empty(getattr(term, name_field)) and not taken:
                    changes[name_field] = name
                if is_empty(getattr(term, description_field)):
                    changes[description_field] = description
            if changes:
                model.objects.filter(pk=term.pk).update(**changes)


class Migration(migrations.Migration):
    dependencies = [("practices", "0021_vocabulary_translations")]

    operations = [migrations.RunPython(translate, migrations.RunPython.noop)]
