/**
 * "Grundkurs i informationssäkerhet", the course Systemkoll ships: seven short lessons in plain
 * Swedish (and English), each followed by three questions. Written for everyone who works for a
 * municipality – staff, politicians and consultants (Botkyrka's guideline §7.2: your responsibility,
 * the risks, and how to report; §7.3: leaving or changing jobs; §8.6: classification).
 *
 * Server-side data only: this holds the answer key, so nothing in the tab may import it (the
 * browser test checks the built tab for it). Provisioning and the demo write it to Kursmoduler.
 */
import type { ModuleContent } from '../course-module.js';

export const GRUNDKURS_TITLE = 'Grundkurs i informationssäkerhet';
export const GRUNDKURS_DESCRIPTION =
  'Obligatorisk grundkurs för alla i Teams: varför informationssäkerhet spelar roll, hur du rapporterar en incident, nätfiske, informationsklassning, lösenord och tvåstegsinloggning, distansarbete och vad som händer när du slutar eller byter jobb. Sju korta lektioner med frågor, cirka 20 minuter.';
export const GRUNDKURS_PASS_MARK = 80;

export const GRUNDKURS: ModuleContent = {
  version: 1,
  lessons: [
    {
      id: 'varfor',
      title: { sv: 'Varför informationssäkerhet i kommunen?', en: 'Why information security matters in a municipality' },
      body: {
        sv: `Kommunen har hand om uppgifter om nästan alla som bor här: barn i skolan, äldre i hemtjänsten, bygglov, ekonomiskt bistånd, löner. Många av uppgifterna är sekretessbelagda eller känsliga personuppgifter.

Informationssäkerhet handlar om att rätt person kan lita på rätt information när den behövs. Det gäller inte bara datorer – också papper, samtal och det du säger i fikarummet.

När något går fel märks det direkt för invånarna: hemtjänsten kommer inte in hos brukare, lönerna blir sena, eller en handling med personnummer hamnar på webbplatsen. Angripare väljer ofta kommuner för att de vet att verksamheten måste fungera.

De flesta incidenter börjar med en människa: ett klick på en falsk länk, ett lösenord som delas, en dator som glöms på tåget. Därför är du en viktig del av skyddet. Du behöver inte vara tekniker – det räcker att du:
- tänker efter innan du klickar, delar eller skickar
- följer kommunens riktlinjer för information och IT
- rapporterar direkt när något verkar fel, hellre en gång för mycket`,
        en: `The municipality holds information about nearly everyone who lives here: children at school, older people receiving home care, building permits, financial support, salaries. Much of it is confidential or sensitive personal data.

Information security means that the right people can trust the right information when it is needed. It is not only about computers – it is also paper, phone calls and what you say in the coffee room.

When something goes wrong, residents notice at once: home-care staff cannot get into clients' homes, salaries are late, or a document with personal identity numbers ends up on the website. Attackers often pick municipalities because they know the services have to keep running.

Most incidents start with a person: a click on a fake link, a shared password, a laptop left on the train. That is why you are an important part of the protection. You do not need to be technical – it is enough that you:
- think before you click, share or send
- follow the municipality's guidelines for information and IT
- report at once when something seems wrong – better once too often`,
      },
      questions: [
        {
          id: 'varfor-1',
          prompt: { sv: 'Vad är informationssäkerhet?', en: 'What is information security?' },
          options: [
            { id: 'a', text: { sv: 'Något som bara IT-avdelningen behöver kunna', en: 'Something only the IT department needs to know' } },
            {
              id: 'b',
              text: {
                sv: 'Att rätt person kan lita på rätt information när den behövs – i datorer, på papper och i samtal',
                en: 'That the right people can trust the right information when needed – on computers, on paper and in conversation',
              },
            },
            { id: 'c', text: { sv: 'Att alla dokument låses in i ett kassaskåp', en: 'Locking every document in a safe' } },
          ],
          correct: 'b',
          explanation: {
            sv: 'Informationssäkerhet gäller all information, oavsett form, och alla som arbetar i kommunen.',
            en: 'Information security covers all information, whatever its form, and everyone who works for the municipality.',
          },
        },
        {
          id: 'varfor-2',
          prompt: { sv: 'Hur börjar de flesta incidenter?', en: 'How do most incidents start?' },
          options: [
            {
              id: 'a',
              text: {
                sv: 'Med avancerade hackare som bryter sig in i serverhallen',
                en: 'With advanced hackers breaking into the server room',
              },
            },
            {
              id: 'b',
              text: {
                sv: 'Med ett vanligt misstag eller ett lurat klick av en människa',
                en: 'With an ordinary mistake or a tricked click by a person',
              },
            },
            { id: 'c', text: { sv: 'Med strömavbrott', en: 'With power cuts' } },
          ],
          correct: 'b',
          explanation: {
            sv: 'Människor är både den vanligaste vägen in och det bästa skyddet: den som tänker efter och rapporterar stoppar mycket.',
            en: 'People are both the most common way in and the best protection: someone who stops to think and reports stops a lot.',
          },
        },
        {
          id: 'varfor-3',
          prompt: {
            sv: 'Du är osäker på om något du sett är en säkerhetsincident. Vad gör du?',
            en: 'You are not sure whether something you saw is a security incident. What do you do?',
          },
          options: [
            { id: 'a', text: { sv: 'Väntar och ser om det händer igen', en: 'Wait and see whether it happens again' } },
            { id: 'b', text: { sv: 'Rapporterar det ändå – hellre en gång för mycket', en: 'Report it anyway – better once too often' } },
            { id: 'c', text: { sv: 'Frågar en kollega på lunchen', en: 'Ask a colleague at lunch' } },
          ],
          correct: 'b',
          explanation: {
            sv: 'Det är samordnarnas jobb att bedöma. En rapport om något ofarligt kostar lite; en incident som ingen rapporterar kan kosta mycket.',
            en: 'Judging it is the coordinators’ job. A report about something harmless costs little; an incident nobody reports can cost a lot.',
          },
        },
      ],
    },
    {
      id: 'rapportera',
      title: { sv: 'Så rapporterar du en incident', en: 'How to report an incident' },
      body: {
        sv: `En incident är något som har hänt, eller kunde ha hänt, och som påverkar informationen eller systemen: ett misstänkt mejl du klickade på, en borttappad telefon, ett mejl till fel mottagare, ett system som visar fel uppgifter.

Rapportera direkt i Teams. Det finns två sätt:
- Från ett chattmeddelande: välj "…" på meddelandet och sedan Rapportera incident. Formuläret fylls i från meddelandet.
- I fliken Systemkoll: välj Incidenter och sedan Rapportera incident.

Beskriv vad som hände, när det hände och när du upptäckte det, och vilka system som berörs. Är du osäker på typen, välj "händelse" – samordnarna bedömer resten. Du får ett referensnummer (INC-ÅÅÅÅ-NNNN) och kan följa rapporten under Mina rapporter.

Varför bråttom? Kommunen har lagstadgade frister som räknas från när kommunen fick veta: en personuppgiftsincident ska anmälas till IMY inom 72 timmar och en betydande incident enligt NIS2 ska varnas om till CERT-SE inom 24 timmar. Din rapport startar klockan.

Rätta inte själv i smyg och radera inte bevis, till exempel det misstänkta mejlet. Ta gärna en skärmbild och bifoga den.`,
        en: `An incident is something that has happened, or could have happened, that affects information or systems: a suspicious e-mail you clicked, a lost phone, an e-mail sent to the wrong person, a system showing wrong data.

Report it at once in Teams. There are two ways:
- From a chat message: choose "…" on the message, then Report incident. The form is filled in from the message.
- In the Systemkoll tab: choose Incidents, then Report incident.

Describe what happened, when it happened and when you noticed, and which systems are affected. If you are unsure of the type, choose "event" – the coordinators assess the rest. You get a reference number (INC-YYYY-NNNN) and can follow the report under My reports.

Why the hurry? The municipality has legal deadlines counted from when it became aware: a personal data breach must be notified to IMY within 72 hours, and a significant incident under NIS2 needs an early warning to CERT-SE within 24 hours. Your report starts the clock.

Do not quietly fix it yourself and do not delete evidence such as the suspicious e-mail. Take a screenshot and attach it if you can.`,
      },
      questions: [
        {
          id: 'rapportera-1',
          prompt: {
            sv: 'En kollega skriver i en Teams-chatt att hen råkat skicka en elevlista till fel förälder. Hur rapporterar du snabbast?',
            en: 'A colleague writes in a Teams chat that they sent a class list to the wrong parent by mistake. What is the quickest way to report it?',
          },
          options: [
            {
              id: 'a',
              text: {
                sv: 'Välj "…" på meddelandet och Rapportera incident',
                en: 'Choose "…" on the message, then Report incident',
              },
            },
            { id: 'b', text: { sv: 'Skriv ett brev till IT-avdelningen', en: 'Write a letter to the IT department' } },
            { id: 'c', text: { sv: 'Vänta till nästa arbetsplatsträff', en: 'Wait until the next team meeting' } },
          ],
          correct: 'a',
          explanation: {
            sv: 'Meddelandeåtgärden Rapportera incident fyller i formuläret från chatten, och rapporten når samordnarna direkt.',
            en: 'The Report incident message action fills in the form from the chat, and the report reaches the coordinators at once.',
          },
        },
        {
          id: 'rapportera-2',
          prompt: {
            sv: 'Inom hur lång tid ska en personuppgiftsincident anmälas till IMY?',
            en: 'Within how long must a personal data breach be notified to IMY?',
          },
          options: [
            { id: 'a', text: { sv: '72 timmar från att kommunen fick kännedom', en: '72 hours from when the municipality became aware' } },
            { id: 'b', text: { sv: 'En månad', en: 'One month' } },
            { id: 'c', text: { sv: 'Det finns ingen frist', en: 'There is no deadline' } },
          ],
          correct: 'a',
          explanation: {
            sv: 'GDPR ger 72 timmar från kännedom. Klockan börjar när kommunen får veta – därför ska du rapportera direkt.',
            en: 'The GDPR allows 72 hours from awareness. The clock starts when the municipality learns of it – so report at once.',
          },
        },
        {
          id: 'rapportera-3',
          prompt: {
            sv: 'Du har klickat på en länk i ett misstänkt mejl. Vad ska du inte göra?',
            en: 'You clicked a link in a suspicious e-mail. What should you not do?',
          },
          options: [
            { id: 'a', text: { sv: 'Rapportera incidenten direkt', en: 'Report the incident at once' } },
            { id: 'b', text: { sv: 'Radera mejlet så att ingen ser det', en: 'Delete the e-mail so nobody sees it' } },
            { id: 'c', text: { sv: 'Bifoga en skärmbild av mejlet', en: 'Attach a screenshot of the e-mail' } },
          ],
          correct: 'b',
          explanation: {
            sv: 'Mejlet är ett bevis som behövs för att se vad som hänt och varna andra. Rapportera och låt det ligga kvar.',
            en: 'The e-mail is evidence needed to see what happened and to warn others. Report it and leave it where it is.',
          },
        },
      ],
    },
    {
      id: 'natfiske',
      title: { sv: 'Nätfiske och social manipulation', en: 'Phishing and social engineering' },
      body: {
        sv: `Nätfiske är mejl, sms eller chattmeddelanden som försöker lura dig att klicka på en länk, öppna en bilaga, logga in på en falsk sida eller betala en falsk faktura. Social manipulation är samma sak i telefon eller på plats: någon utger sig för att vara IT-supporten, en chef eller en leverantör.

Varningstecken:
- brådska eller hot: "ditt konto stängs i dag", "betala före kl. 12"
- en avsändare som nästan stämmer, till exempel exempe1kommun.se
- en länk som går någon annanstans än texten säger (håll muspekaren över den)
- en begäran om lösenord, kod eller att godkänna en inloggning du inte själv startat
- en chef som plötsligt vill att du köper presentkort eller ändrar ett kontonummer

IT-supporten frågar aldrig efter ditt lösenord. Är du osäker, kontrollera på ett annat sätt: ring personen på ett nummer du själv slår upp, inte det som står i mejlet.

Har du redan klickat eller lämnat uppgifter: det är inte pinsamt, det är viktigt. Rapportera direkt och byt lösenord.`,
        en: `Phishing is e-mail, text or chat messages that try to trick you into clicking a link, opening an attachment, signing in on a fake page or paying a fake invoice. Social engineering is the same thing by phone or in person: someone pretends to be IT support, a manager or a supplier.

Warning signs:
- urgency or threats: "your account closes today", "pay before noon"
- a sender that is almost right, such as exempe1kommun.se
- a link that goes somewhere other than its text says (hover over it)
- a request for a password, a code or to approve a sign-in you did not start
- a manager suddenly asking you to buy gift cards or change a bank account number

IT support never asks for your password. If in doubt, check another way: call the person on a number you look up yourself, not the one in the e-mail.

If you already clicked or gave details: it is not embarrassing, it is important. Report it at once and change your password.`,
      },
      questions: [
        {
          id: 'natfiske-1',
          prompt: {
            sv: 'Ett mejl från "IT-supporten" säger att ditt konto stängs om en timme om du inte loggar in via länken. Vad gör du?',
            en: 'An e-mail from "IT support" says your account closes in an hour unless you sign in through the link. What do you do?',
          },
          options: [
            { id: 'a', text: { sv: 'Loggar in snabbt så att kontot inte stängs', en: 'Sign in quickly so the account is not closed' } },
            {
              id: 'b',
              text: { sv: 'Klickar inte, rapporterar mejlet som en incident', en: 'Do not click; report the e-mail as an incident' },
            },
            {
              id: 'c',
              text: {
                sv: 'Vidarebefordrar det till kollegorna så att de också hinner',
                en: 'Forward it to colleagues so they make it too',
              },
            },
          ],
          correct: 'b',
          explanation: {
            sv: 'Brådska och en inloggningslänk är typiska tecken på nätfiske. Rapportera så att samordnarna kan varna andra.',
            en: 'Urgency and a sign-in link are typical signs of phishing. Report it so the coordinators can warn others.',
          },
        },
        {
          id: 'natfiske-2',
          prompt: {
            sv: 'Din telefon ber dig godkänna en inloggning som du inte har startat. Vad gör du?',
            en: 'Your phone asks you to approve a sign-in you did not start. What do you do?',
          },
          options: [
            { id: 'a', text: { sv: 'Godkänner, det är säkert IT som testar', en: 'Approve – it is probably IT testing' } },
            { id: 'b', text: { sv: 'Nekar, byter lösenord och rapporterar', en: 'Deny, change your password and report it' } },
            { id: 'c', text: { sv: 'Ignorerar den tills den slutar', en: 'Ignore it until it stops' } },
          ],
          correct: 'b',
          explanation: {
            sv: 'Någon annan har troligen ditt lösenord och försöker komma in. Neka, byt lösenord och rapportera.',
            en: 'Someone else probably has your password and is trying to get in. Deny, change your password and report it.',
          },
        },
        {
          id: 'natfiske-3',
          prompt: {
            sv: 'En leverantör mejlar att de har bytt bankkonto och ber att nästa faktura betalas till det nya. Vad är rätt?',
            en: 'A supplier e-mails that they have changed bank account and asks for the next invoice to be paid to the new one. What is right?',
          },
          options: [
            {
              id: 'a',
              text: { sv: 'Ändra kontot direkt, mejlet ser äkta ut', en: 'Change the account at once – the e-mail looks genuine' },
            },
            { id: 'b', text: { sv: 'Svara på mejlet och fråga om det stämmer', en: 'Reply to the e-mail and ask whether it is true' } },
            {
              id: 'c',
              text: {
                sv: 'Ring leverantören på ett nummer du själv slår upp och kontrollera',
                en: 'Call the supplier on a number you look up yourself and check',
              },
            },
          ],
          correct: 'c',
          explanation: {
            sv: 'Den som skickat ett falskt mejl svarar gärna på ditt svar. Kontrollera alltid på ett annat sätt än det meddelandet erbjuder.',
            en: 'Whoever sent a fake e-mail will happily answer your reply. Always check another way than the one the message offers.',
          },
        },
      ],
    },
    {
      id: 'klassning',
      title: { sv: 'Informationsklassning: K, R, T och S', en: 'Classifying information: C, I, A and T' },
      body: {
        sv: `All information och alla system i kommunen klassas, så att skyddet passar det som står på spel. Man bedömer fyra saker:
- K – konfidentialitet: vad händer om fel person får se informationen?
- R – riktighet: vad händer om informationen blir fel eller ändras?
- T – tillgänglighet: vad händer om informationen inte går att nå när den behövs?
- S – spårbarhet: behöver vi i efterhand kunna se vem som gjorde vad?

Varje del får en nivå från 1 till 4: 1 är låg (liten skada), 2 måttlig, 3 betydande och 4 allvarlig skada för invånare, kommunen eller samhället.

Två exempel. Menyn i skolmatsalen: K1 – den får alla se, men T2 – någon blir irriterad om den saknas. En journal i hemsjukvården: K3 eller K4 – den är sekretessbelagd, R4 – fel medicinering kan skada en människa, och S3 – vi måste kunna se vem som läst journalen.

För dig betyder klassningen: ju högre nivå, desto försiktigare. Information med hög K-nivå skickar du inte med vanlig e-post, lägger inte i en öppen Teams-kanal och pratar inte om på bussen. Osäker? Fråga systemägaren eller informationssäkerhetssamordnaren. Systemförteckningen i Systemkoll visar varje systems klassning.`,
        en: `All information and every system in the municipality is classified, so that the protection fits what is at stake. Four things are assessed (the Swedish letters are K, R, T and S):
- Confidentiality (K): what happens if the wrong person sees the information?
- Integrity (R): what happens if the information becomes wrong or is changed?
- Availability (T): what happens if the information cannot be reached when needed?
- Traceability (S): do we need to see afterwards who did what?

Each gets a level from 1 to 4: 1 is low (little harm), 2 moderate, 3 considerable and 4 serious harm to residents, the municipality or society.

Two examples. The school lunch menu: K1 – anyone may see it, but T2 – someone is annoyed if it is missing. A home-health-care record: K3 or K4 – it is confidential, R4 – wrong medication can harm a person, and S3 – we must be able to see who read the record.

For you, classification means: the higher the level, the more careful. Information with a high K level is not sent by ordinary e-mail, not put in an open Teams channel and not discussed on the bus. Unsure? Ask the system owner or the information security coordinator. The register in Systemkoll shows each system's classification.`,
      },
      questions: [
        {
          id: 'klassning-1',
          prompt: { sv: 'Vad står R för i klassningen K/R/T/S?', en: 'What does R stand for in the K/R/T/S classification?' },
          options: [
            {
              id: 'a',
              text: {
                sv: 'Riktighet – att informationen är korrekt och inte ändrats',
                en: 'Integrity – that the information is correct and unchanged',
              },
            },
            { id: 'b', text: { sv: 'Risk', en: 'Risk' } },
            { id: 'c', text: { sv: 'Rättigheter', en: 'Rights' } },
          ],
          correct: 'a',
          explanation: {
            sv: 'K är konfidentialitet, R riktighet, T tillgänglighet och S spårbarhet.',
            en: 'K is confidentiality, R integrity, T availability and S traceability.',
          },
        },
        {
          id: 'klassning-2',
          prompt: {
            sv: 'Ett system har K4. Vad betyder det för dig som använder det?',
            en: 'A system is K4. What does that mean for you as a user?',
          },
          options: [
            { id: 'a', text: { sv: 'Att informationen får delas fritt', en: 'That the information may be shared freely' } },
            {
              id: 'b',
              text: {
                sv: 'Att fel person som ser informationen kan orsaka allvarlig skada – var mycket försiktig med vem som ser den',
                en: 'That the wrong person seeing it can cause serious harm – be very careful about who sees it',
              },
            },
            { id: 'c', text: { sv: 'Att systemet måste vara igång dygnet runt', en: 'That the system must run around the clock' } },
          ],
          correct: 'b',
          explanation: {
            sv: 'K gäller vem som får se informationen, och 4 är den högsta nivån. Att systemet måste vara igång handlar om T.',
            en: 'K is about who may see the information, and 4 is the highest level. Being always available is about T.',
          },
        },
        {
          id: 'klassning-3',
          prompt: {
            sv: 'Du behöver skicka en utredning med känsliga personuppgifter till en annan myndighet. Hur gör du?',
            en: 'You need to send an investigation with sensitive personal data to another authority. How?',
          },
          options: [
            { id: 'a', text: { sv: 'Med vanlig e-post, det går fortast', en: 'By ordinary e-mail – it is quickest' } },
            {
              id: 'b',
              text: { sv: 'I den öppna Teams-kanalen för hela förvaltningen', en: 'In the open Teams channel for the whole department' },
            },
            {
              id: 'c',
              text: {
                sv: 'På det sätt kommunens rutin anger för sådan information, till exempel säker e-post – fråga om du är osäker',
                en: 'The way the municipality’s routine says for such information, for example secure e-mail – ask if unsure',
              },
            },
          ],
          correct: 'c',
          explanation: {
            sv: 'Hög konfidentialitet kräver ett skyddat sätt att skicka. Rutinen finns för att du inte ska behöva gissa.',
            en: 'High confidentiality needs a protected way to send. The routine exists so you do not have to guess.',
          },
        },
      ],
    },
    {
      id: 'losenord',
      title: { sv: 'Lösenord och tvåstegsinloggning', en: 'Passwords and multi-factor sign-in' },
      body: {
        sv: `Ditt konto är din nyckel till kommunens system. Den som har ditt lösenord kan läsa det du får läsa och göra det du får göra – i ditt namn.

Ett bra lösenord är långt och bara ditt:
- använd en lösenfras, flera ord i följd, gärna 16 tecken eller mer
- använd aldrig samma lösenord i jobbet som privat
- dela aldrig ditt lösenord, inte ens med en chef eller IT-supporten
- skriv inte upp det på en lapp vid datorn; använd den lösenordshanterare kommunen anvisar

Tvåstegsinloggning (MFA) betyder att du loggar in med något du vet (lösenordet) och något du har (telefonen med en app eller en kod). Då räcker inte ett stulet lösenord. Godkänn bara inloggningar som du själv har startat just nu.

Tror du att någon känner till ditt lösenord? Byt det direkt och rapportera en incident.`,
        en: `Your account is your key to the municipality's systems. Whoever has your password can read what you may read and do what you may do – in your name.

A good password is long and yours alone:
- use a passphrase, several words in a row, ideally 16 characters or more
- never use the same password at work as privately
- never share your password, not even with a manager or IT support
- do not write it on a note by the computer; use the password manager the municipality provides

Multi-factor sign-in (MFA) means you sign in with something you know (the password) and something you have (your phone with an app or a code). Then a stolen password is not enough. Only approve sign-ins you started yourself just now.

Think someone knows your password? Change it at once and report an incident.`,
      },
      questions: [
        {
          id: 'losenord-1',
          prompt: { sv: 'Vilket lösenord är bäst?', en: 'Which password is best?' },
          options: [
            { id: 'a', text: { sv: 'Sommar2026!', en: 'Summer2026!' } },
            { id: 'b', text: { sv: 'kanelbulle-regnbåge-cykel-fyrtorn', en: 'cinnamon-rainbow-bicycle-lighthouse' } },
            {
              id: 'c',
              text: { sv: 'Samma som till din privata e-post, så du minns det', en: 'The same as your private e-mail, so you remember it' },
            },
          ],
          correct: 'b',
          explanation: {
            sv: 'En lång lösenfras av ord som inte hör ihop är svår att gissa men lätt att minnas. Årstid och årtal gissas först.',
            en: 'A long passphrase of unrelated words is hard to guess but easy to remember. Seasons and years are guessed first.',
          },
        },
        {
          id: 'losenord-2',
          prompt: {
            sv: 'Din chef ber om ditt lösenord för att hämta ett dokument medan du är ledig. Vad svarar du?',
            en: 'Your manager asks for your password to fetch a document while you are on leave. What do you answer?',
          },
          options: [
            { id: 'a', text: { sv: 'Lämnar ut det, det är ju chefen', en: 'Give it – it is the manager after all' } },
            {
              id: 'b',
              text: {
                sv: 'Nej – dokumentet ska ligga där fler har behörighet, eller så ordnar IT åtkomst på rätt sätt',
                en: 'No – the document should be where others have access, or IT arranges access the proper way',
              },
            },
            { id: 'c', text: { sv: 'Skickar det i ett sms', en: 'Send it in a text message' } },
          ],
          correct: 'b',
          explanation: {
            sv: 'Ditt lösenord är bara ditt – allt som görs med det görs i ditt namn. Behörighet ska ges till personen, inte lånas.',
            en: 'Your password is yours alone – everything done with it is done in your name. Access is granted to the person, not borrowed.',
          },
        },
        {
          id: 'losenord-3',
          prompt: { sv: 'Varför skyddar tvåstegsinloggning?', en: 'Why does multi-factor sign-in protect you?' },
          options: [
            {
              id: 'a',
              text: {
                sv: 'Ett stulet lösenord räcker inte – det krävs också något du har, som telefonen',
                en: 'A stolen password is not enough – something you have, like your phone, is also needed',
              },
            },
            { id: 'b', text: { sv: 'Den gör lösenordet längre', en: 'It makes the password longer' } },
            { id: 'c', text: { sv: 'Den gör att du inte behöver något lösenord', en: 'It means you need no password' } },
          ],
          correct: 'a',
          explanation: {
            sv: 'Två olika slags bevis gör det mycket svårare att ta över kontot – så länge du bara godkänner dina egna inloggningar.',
            en: 'Two different kinds of proof make the account much harder to take over – as long as you only approve your own sign-ins.',
          },
        },
      ],
    },
    {
      id: 'distans',
      title: { sv: 'Arbeta på distans och på resande fot', en: 'Working remotely and on the move' },
      body: {
        sv: `Du kan arbeta hemma, på tåget eller hos en samarbetspartner – men informationen ska vara lika skyddad som på kontoret.

Tänk på det här:
- lås datorn (Windows-tangenten + L) varje gång du går ifrån den, också hemma
- se dig om: kan någon läsa din skärm eller höra ditt samtal? Använd skärmskydd på tåget och ta känsliga samtal där ingen hör
- använd kommunens enheter och tjänster för jobbet – inte privat e-post, privata molntjänster eller USB-minnen du hittat
- undvik öppna, okända wifi-nät; dela hellre uppkoppling från din jobbtelefon
- låt inte familjen använda jobbdatorn
- skriv inte ut känsliga handlingar hemma, och lämna aldrig papper eller dator synligt i bilen

Blir datorn eller telefonen stulen eller borttappad: rapportera direkt, även om den är krypterad. Då kan IT spärra den och radera innehållet på distans.`,
        en: `You may work at home, on the train or at a partner's office – but the information must be as well protected as in the office.

Keep this in mind:
- lock the computer (Windows key + L) every time you step away, at home too
- look around: can someone read your screen or hear your call? Use a privacy screen on the train and take sensitive calls where nobody can hear
- use the municipality's devices and services for work – not private e-mail, private cloud services or USB sticks you found
- avoid open, unknown Wi-Fi networks; share the connection from your work phone instead
- do not let family members use the work computer
- do not print sensitive documents at home, and never leave papers or a computer visible in the car

If your computer or phone is stolen or lost: report it at once, even if it is encrypted. Then IT can block it and wipe it remotely.`,
      },
      questions: [
        {
          id: 'distans-1',
          prompt: {
            sv: 'Du sitter på tåget och ska läsa en sekretessbelagd utredning. Vad är bäst?',
            en: 'You are on the train and want to read a confidential investigation. What is best?',
          },
          options: [
            { id: 'a', text: { sv: 'Läsa den, ingen bryr sig', en: 'Read it – nobody cares' } },
            {
              id: 'b',
              text: {
                sv: 'Vänta tills du sitter där ingen kan se skärmen, eller använd skärmskydd',
                en: 'Wait until nobody can see the screen, or use a privacy screen',
              },
            },
            {
              id: 'c',
              text: {
                sv: 'Skriva ut den på närmaste kontor och läsa på papper',
                en: 'Print it at the nearest office and read it on paper',
              },
            },
          ],
          correct: 'b',
          explanation: {
            sv: 'Medpassagerare kan se din skärm. Sekretessbelagd information läser du där den inte syns för andra.',
            en: 'Fellow passengers can see your screen. Read confidential information where others cannot see it.',
          },
        },
        {
          id: 'distans-2',
          prompt: {
            sv: 'Du vill jobba vidare hemma med ett dokument. Hur tar du med dig det?',
            en: 'You want to keep working on a document at home. How do you take it with you?',
          },
          options: [
            { id: 'a', text: { sv: 'Mejlar det till din privata e-post', en: 'E-mail it to your private address' } },
            { id: 'b', text: { sv: 'Lägger det på ett USB-minne', en: 'Put it on a USB stick' } },
            {
              id: 'c',
              text: {
                sv: 'Låter det ligga i kommunens tjänster (Teams, OneDrive) och öppnar det från jobbdatorn',
                en: 'Leave it in the municipality’s services (Teams, OneDrive) and open it from the work computer',
              },
            },
          ],
          correct: 'c',
          explanation: {
            sv: 'I kommunens tjänster är dokumentet skyddat och behörighetsstyrt. Privat e-post och USB-minnen tappar den kontrollen.',
            en: 'In the municipality’s services the document is protected and access-controlled. Private e-mail and USB sticks lose that control.',
          },
        },
        {
          id: 'distans-3',
          prompt: {
            sv: 'Din jobbtelefon är borta efter en konferens. Den är krypterad. Vad gör du?',
            en: 'Your work phone is gone after a conference. It is encrypted. What do you do?',
          },
          options: [
            { id: 'a', text: { sv: 'Inget, den är ju krypterad', en: 'Nothing – it is encrypted' } },
            {
              id: 'b',
              text: { sv: 'Rapporterar direkt så att IT kan spärra och radera den', en: 'Report it at once so IT can block and wipe it' },
            },
            { id: 'c', text: { sv: 'Väntar en vecka och ser om den dyker upp', en: 'Wait a week to see if it turns up' } },
          ],
          correct: 'b',
          explanation: {
            sv: 'Kryptering skyddar mycket, men inloggade appar och sparade koder kan fortfarande missbrukas. Spärra snabbt.',
            en: 'Encryption protects a lot, but signed-in apps and saved codes can still be misused. Block it quickly.',
          },
        },
      ],
    },
    {
      id: 'sluta',
      title: {
        sv: 'Enheter och behörigheter när du slutar eller byter jobb',
        en: 'Devices and access when you leave or change job',
      },
      body: {
        sv: `När du slutar, eller byter tjänst eller förvaltning, ska det ske ordnat. Kommunens rutin har tre delar:
- lämna tillbaka det som tillhör kommunen: dator, telefon, surfplatta, passerkort och nycklar – och avsluta eller flytta abonnemang
- behörigheter tas bort eller ändras, så att du bara kommer åt det ditt nya uppdrag kräver
- information du ansvarar för lämnas över till en ny ansvarig, till exempel om du är systemägare eller förvaltare av ett system

Din chef får automatiskt veta vilka enheter och abonnemang som står på dig, och en gång om året bekräftar varje chef listan för sin personal. Enheter som lämnas tillbaka installeras om av IT innan någon annan får dem; riktigt gamla enheter skrotas på ett säkert sätt.

Det här gör du:
- gå igenom dina filer: spara det som verksamheten behöver där kollegorna kommer åt det, och ta bort privata filer
- lämna tillbaka enheterna till IT – ge dem inte vidare själv till en kollega
- är du systemägare eller förvaltare: se till att en ny utses innan du går, och säg till systemets informationssäkerhetssamordnare

Byter du jobb inom kommunen gäller samma sak: behörigheter från den gamla tjänsten ska inte följa med.`,
        en: `When you leave, or change post or department, it should happen in an orderly way. The municipality's routine has three parts:
- hand back what belongs to the municipality: computer, phone, tablet, access card and keys – and end or move subscriptions
- access is removed or changed, so that you only reach what your new role needs
- information you are responsible for is handed over to a new person, for example if you own or administer a system

Your manager is told automatically which devices and subscriptions are registered to you, and once a year every manager confirms the list for their staff. Returned devices are reinstalled by IT before anyone else gets them; very old devices are scrapped safely.

What you do:
- go through your files: save what the organisation needs where colleagues can reach it, and delete private files
- hand the devices back to IT – do not pass them on to a colleague yourself
- if you own or administer a system: make sure a successor is named before you go, and tell the information security coordinator

If you change job within the municipality the same applies: access from the old post should not follow you.`,
      },
      questions: [
        {
          id: 'sluta-1',
          prompt: {
            sv: 'Du slutar om en vecka. En kollega vill ta över din jobbdator. Vad gör du?',
            en: 'You leave in a week. A colleague wants to take over your work computer. What do you do?',
          },
          options: [
            { id: 'a', text: { sv: 'Ger datorn direkt till kollegan', en: 'Hand the computer straight to the colleague' } },
            {
              id: 'b',
              text: {
                sv: 'Lämnar tillbaka den till IT, som installerar om den innan någon annan får den',
                en: 'Return it to IT, who reinstall it before anyone else gets it',
              },
            },
            { id: 'c', text: { sv: 'Tar med den hem', en: 'Take it home' } },
          ],
          correct: 'b',
          explanation: {
            sv: 'På datorn kan det finnas information och inloggningar som kollegan inte ska komma åt. IT installerar om och för över enheten.',
            en: 'The computer may hold information and sign-ins the colleague should not reach. IT reinstalls and reassigns it.',
          },
        },
        {
          id: 'sluta-2',
          prompt: {
            sv: 'Du byter från socialförvaltningen till kulturförvaltningen. Vad händer med din behörighet till socialtjänstens system?',
            en: 'You move from social services to the culture department. What happens to your access to the social-services systems?',
          },
          options: [
            { id: 'a', text: { sv: 'Den finns kvar ifall du behöver den', en: 'It stays in case you need it' } },
            {
              id: 'b',
              text: {
                sv: 'Den tas bort – du ska bara ha den behörighet den nya tjänsten kräver',
                en: 'It is removed – you should only have the access the new post needs',
              },
            },
            { id: 'c', text: { sv: 'Den går över till din efterträdare', en: 'It passes to your successor' } },
          ],
          correct: 'b',
          explanation: {
            sv: 'Behörighet följer uppdraget, inte personen. Gammal behörighet som ligger kvar är en vanlig väg till obehörig åtkomst.',
            en: 'Access follows the role, not the person. Old access left in place is a common route to unauthorised access.',
          },
        },
        {
          id: 'sluta-3',
          prompt: {
            sv: 'Du är systemägare för ett system och ska sluta. Vad är viktigast att ordna?',
            en: 'You own a system and are leaving. What matters most to arrange?',
          },
          options: [
            {
              id: 'a',
              text: {
                sv: 'Att en ny systemägare utses och får det du vet om systemet',
                en: 'That a new system owner is named and given what you know about the system',
              },
            },
            { id: 'b', text: { sv: 'Att systemet stängs av', en: 'That the system is switched off' } },
            { id: 'c', text: { sv: 'Inget, systemet sköter sig självt', en: 'Nothing – the system runs itself' } },
          ],
          correct: 'a',
          explanation: {
            sv: 'Ett system utan ägare får ingen årlig genomgång, klassning eller uppföljning. Systemkoll visar en uppgift när ägaren slutat.',
            en: 'A system without an owner gets no yearly review, classification or follow-up. Systemkoll shows a task when the owner has left.',
          },
        },
      ],
    },
  ],
};
