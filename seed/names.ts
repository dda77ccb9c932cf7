/**
 * Hand-written name and place lists for the synthetic borough: given and family names by family
 * origin (a diverse north London mix, with accents, hyphens and apostrophes), the short forms
 * people are known by, streets by postcode district, schools, GP practices and hospital sites.
 * Every person and place generated from these is fictional.
 */

/** Splits a comma-separated list written across lines into trimmed, non-empty items. */
function list(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** A family origin: who the names come from and the DfE ethnicity codes recorded for them. */
export interface Origin {
  key: string;
  /** Share of borough households headed by someone of this origin. */
  weight: number;
  /** DfE ethnicity codes with weights. */
  ethnicity: Readonly<Record<string, number>>;
  /** Broad group, for the mixed-heritage code of a child with a White British parent. */
  group: 'WHITE_BRITISH' | 'WHITE_OTHER' | 'BLACK_CARIBBEAN' | 'BLACK_AFRICAN' | 'ASIAN' | 'OTHER';
  male: readonly string[];
  female: readonly string[];
  family: readonly string[];
  /** Family names only women carry (e.g. Begum); used for some mothers. */
  femaleFamily?: readonly string[];
}

/** Household origins, weighted for a diverse north London borough. */
export const ORIGINS: readonly Origin[] = [
  {
    key: 'ENGLISH',
    weight: 27,
    ethnicity: { WBRI: 1 },
    group: 'WHITE_BRITISH',
    male: list(`
    Oliver, George, Harry, Jack, Charlie, Thomas, James, William, Alexander, Daniel, Samuel,
    Joseph, Benjamin, Matthew, Christopher, Michael, Jacob, Noah, Leo, Alfie, Freddie,
    Theodore, Archie, Joshua, Ryan, Callum, Lewis, Connor, Reece, Tyler, Nathaniel, Zachary,
    Frederick, Harrison, Nicholas, Anthony, Robert, Jamie, Mason, Riley, Finley, Ethan, Luke,
    Tommy-Lee,
  `),
    female: list(`
    Olivia, Amelia, Isla, Ava, Emily, Sophie, Grace, Jessica, Elizabeth, Katherine, Rebecca,
    Charlotte, Lily, Poppy, Freya, Evie, Ella, Isabella, Chloe, Chloé, Zoë, Megan, Hannah,
    Lauren, Victoria, Alexandra, Jennifer, Stephanie, Francesca, Georgia, Holly, Ruby, Millie,
    Maisie, Daisy, Amy, Leah, Rosie, Renée, Lily-Mae, Ellie-Mae, Kacey-Leigh,
  `),
    family: list(`
    Smith, Jones, Taylor, Brown, Williams, Wilson, Johnson, Davies, Robinson, Wright,
    Thompson, Evans, Walker, White, Roberts, Green, Hall, Wood, Jackson, Clarke, Harris,
    Lewis, Turner, Hill, Cooper, Ward, Morris, Moore, King, Baker, Harrison, Shaw, Marshall,
    Fletcher, Atkinson, Palmer, Barker, Holmes, Pearson, Price, Smith-Jones, Lloyd-Davies,
    Ashworth-Clarke,
  `),
  },
  {
    key: 'IRISH',
    weight: 3,
    ethnicity: { WIRI: 1 },
    group: 'WHITE_OTHER',
    male: list(`
    Sean, Patrick, Conor, Ciaran, Declan, Liam, Eoin, Cian, Darragh, Oisín, Ronan, Niall,
    Michael, Aidan, Daniel, Thomas,
  `),
    female: list(`
    Siobhán, Aoife, Niamh, Ciara, Orla, Róisín, Sinead, Mary, Bridget, Caoimhe, Saoirse, Erin,
    Elizabeth, Katherine,
  `),
    family: list(`
    O'Brien, O'Connor, O'Neill, O'Sullivan, Murphy, Kelly, Byrne, Ryan, Doyle, McCarthy,
    Gallagher, Walsh, Quinn, Fitzgerald, McLaughlin, Donnelly, O'Reilly,
  `),
  },
  {
    key: 'EAST_EUROPEAN',
    weight: 8,
    ethnicity: { WOTH: 1 },
    group: 'WHITE_OTHER',
    male: list(`
    Jakub, Kacper, Szymon, Filip, Mateusz, Łukasz, Michał, Piotr, Tomasz, Paweł, Krzysztof,
    Dawid, Jonas, Lukas, Matas, Arben, Ardit, Ermal, Aleksander, Marek,
  `),
    female: list(`
    Zuzanna, Julia, Maja, Zofia, Hanna, Aleksandra, Katarzyna, Małgorzata, Agnieszka, Natalia,
    Gabriela, Wiktoria, Emilija, Gabija, Ieva, Erisa, Klea,
  `),
    family: list(`
    Nowak, Wójcik, Kowalczyk, Mazur, Krawczyk, Kaczmarek, Zając, Wróbel, Dudek, Pawlak,
    Michalak, Sikora, Baran, Szewczyk, Kubiak, Hoxha, Krasniqi, Berisha, Gashi, Shehu, Morina,
  `),
  },
  {
    key: 'ROMANIAN',
    weight: 5,
    ethnicity: { WOTH: 0.75, WROM: 0.25 },
    group: 'WHITE_OTHER',
    male: list(`
    Andrei, Alexandru, Ionuț, Ștefan, Mihai, Gabriel, Florin, Bogdan, Constantin, Vasile,
    Marian, Adrian, Darius, David, Luca,
  `),
    female: list(`
    Maria, Elena, Ioana, Andreea, Mădălina, Alexandra, Daria, Bianca, Florentina, Georgiana,
    Ana-Maria, Roxana,
  `),
    family: list(`
    Popescu, Ionescu, Popa, Stoica, Dumitru, Stan, Constantin, Munteanu, Lungu, Rădulescu,
    Moldovan, Ursu, Rusu, Marin, Tănase,
  `),
  },
  {
    key: 'TURKISH',
    weight: 7,
    ethnicity: { WOTH: 0.7, OOTH: 0.3 },
    group: 'WHITE_OTHER',
    male: list(`
    Mehmet, Mustafa, Ahmet, Ali, Hasan, Hüseyin, İbrahim, Emre, Yusuf, Ömer, Kerem, Burak,
    Deniz, Eren, Berat, Arda, Baran, Rojhat, Serhat,
  `),
    female: list(`
    Ayşe, Fatma, Elif, Zeynep, Gülsen, Özlem, Esra, Merve, Hatice, Emine, Derya, Sibel, Ebru,
    Defne, Ecrin, Azra, Nisa, Rojda,
  `),
    family: list(`
    Yılmaz, Kaya, Demir, Şahin, Çelik, Yıldız, Öztürk, Aydın, Arslan, Doğan, Kılıç, Aslan,
    Çetin, Kara, Koç, Kurt, Özdemir, Polat, Erdoğan,
  `),
  },
  {
    key: 'PORTUGUESE',
    weight: 4,
    ethnicity: { WOTH: 0.6, OOTH: 0.4 },
    group: 'WHITE_OTHER',
    male: list(`
    João, José, Gonçalo, Tiago, Rafael, Pedro, Lucas, Gabriel, Mateus, Miguel, Thiago,
    Vinícius, Guilherme, Enzo, Rodrigo, Diogo, Luís,
  `),
    female: list(`
    Inês, Beatriz, Mariana, Ana, Sofia, Larissa, Letícia, Camila, Juliana, Fernanda, Gabriela,
    Lúcia, Maria, Vitória, Isabela,
  `),
    family: list(`
    Silva, Santos, Ferreira, Pereira, Oliveira, Costa, Rodrigues, Martins, Gonçalves, Sousa,
    Fernandes, Lopes, Carvalho, Almeida, Ribeiro, Conceição, Araújo, Barbosa,
  `),
  },
  {
    key: 'WEST_AFRICAN',
    weight: 12,
    ethnicity: { BAFR: 1 },
    group: 'BLACK_AFRICAN',
    male: list(`
    Oluwaseun, Oluwatobi, Oluwafemi, Adebayo, Ayodele, Chukwuemeka, Chinedu, Obinna, Tunde,
    Kwame, Kofi, Kwabena, Yaw, Kwesi, Samuel, Daniel, David, Emmanuel, Joshua, Michael,
    Nathaniel, Damilare, Olamide, Ifeanyi, Segun, Kayode, Nnamdi, Chidi,
  `),
    female: list(`
    Oluwakemi, Temitope, Funmilayo, Folake, Abimbola, Adaeze, Chiamaka, Chioma, Ngozi, Nneka,
    Ifeoma, Amara, Adwoa, Akosua, Abena, Efua, Blessing, Precious, Grace, Favour, Deborah,
    Esther, Comfort, Tolulope, Oluwadamilola, Simisola, Yetunde,
  `),
    family: list(`
    Adeyemi, Okafor, Okonkwo, Adebayo, Oluwole, Ogunleye, Balogun, Adeleke, Eze, Nwosu, Obi,
    Okoro, Chukwu, Afolabi, Bakare, Mensah, Asante, Boateng, Owusu, Osei, Appiah, Agyemang,
    Darko, Amoah, Ansah, Danso, Akinola, Olawale, Odukoya,
  `),
  },
  {
    key: 'SOMALI',
    weight: 4,
    ethnicity: { BAFR: 1 },
    group: 'BLACK_AFRICAN',
    male: list(`
    Mohamed, Abdullahi, Abdirahman, Ahmed, Hassan, Hussein, Ibrahim, Ismail, Yusuf, Mahad,
    Omar, Ayaan, Bilal, Khalid, Said, Liban, Farah,
  `),
    female: list(`
    Hodan, Fadumo, Hawa, Ayan, Amina, Hamdi, Idil, Sagal, Ubah, Sahra, Ifrah, Ikran, Nimco,
    Safiya, Fartun, Muna, Khadra, Ilhan,
  `),
    family: list(`
    Mohamed, Ali, Hassan, Abdi, Ahmed, Warsame, Farah, Osman, Jama, Hersi, Nur, Egal, Aden,
    Ismail, Yusuf, Abdullahi, Hirsi, Dahir, Mohamud,
  `),
  },
  {
    key: 'CARIBBEAN',
    weight: 9,
    ethnicity: { BCRB: 1 },
    group: 'BLACK_CARIBBEAN',
    male: list(`
    Jermaine, Marcus, Tyrone, Andre, Leon, Dwayne, Kareem, Malachi, Jayden, Josiah, Isaiah,
    Elijah, Tyrese, Kai, Reuben, Shane, Jordan, Dwight, Winston, Delroy, Kyrie, Zion, Jahmal,
    Nathaniel, Theo, Joshua,
  `),
    female: list(`
    Shanice, Tanisha, Keisha, Aaliyah, Destiny, Jada, Kiara, Imani, Nia, Tia, Simone, Marcia,
    Beverley, Sharon, Paulette, Jasmine, Amari, Nevaeh, Ruby, Jade, Ellie-Mae, Lily-Mae,
    Deborah,
  `),
    family: list(`
    Campbell, Brown, Williams, Johnson, Thomas, Francis, Henry, Grant, Clarke, Edwards,
    Bailey, Reid, Stewart, Morgan, Richards, Gordon, Graham, Forbes, McKenzie, Samuels,
    Lawrence, Facey, Bennett, Dacres, Francis-Reid,
  `),
  },
  {
    key: 'INDIAN',
    weight: 3,
    ethnicity: { AIND: 1 },
    group: 'ASIAN',
    male: list(`
    Arjun, Rohan, Aarav, Vihaan, Dev, Krish, Rahul, Vikram, Sanjay, Amit, Harpreet, Gurpreet,
    Manjit, Rajesh, Anil, Ravi, Aryan, Ishaan, Neel, Joel,
  `),
    female: list(`
    Priya, Anjali, Ananya, Diya, Kavya, Meera, Pooja, Riya, Sunita, Neha, Simran, Harleen,
    Navneet, Amrit, Divya, Shreya, Isha, Tanvi, Leena,
  `),
    family: list(`
    Patel, Shah, Sharma, Singh, Gupta, Mehta, Joshi, Desai, Kumar, Sandhu, Gill, Dhillon,
    Reddy, Nair, Pillai, Chauhan, D'Souza, D'Costa, Fernandes,
  `),
  },
  {
    key: 'PAKISTANI',
    weight: 2,
    ethnicity: { APKN: 1 },
    group: 'ASIAN',
    male: list(`
    Muhammad, Mohammed, Ali, Ahmed, Hamza, Bilal, Usman, Zain, Imran, Tariq, Faisal, Adnan,
    Asif, Shahid, Ibrahim, Yusuf, Ayaan, Rayyan,
  `),
    female: list(`
    Ayesha, Fatima, Zainab, Maryam, Hira, Sana, Amna, Saima, Nadia, Mehreen, Iqra, Aleena,
    Hafsa, Khadija, Noor,
  `),
    family: list(`
    Khan, Hussain, Ahmed, Akhtar, Iqbal, Butt, Malik, Qureshi, Raja, Chaudhry, Mahmood, Shah,
    Javed, Aslam, Rashid, Mirza,
  `),
  },
  {
    key: 'BANGLADESHI',
    weight: 3,
    ethnicity: { ABAN: 1 },
    group: 'ASIAN',
    male: list(`
    Mohammed, Abdul, Rahim, Karim, Shahid, Jamal, Sadiq, Rafiq, Mizanur, Habibur, Ashraf,
    Imran, Rayhan, Zakaria, Ayaan, Rehan, Tanvir, Sabbir,
  `),
    female: list(`
    Fatema, Ruksana, Shirin, Nasreen, Salma, Sumaiya, Tasnim, Halima, Jannat, Nusrat, Shapla,
    Rumana, Sadia, Anika, Tahmina,
  `),
    family: list(`
    Miah, Uddin, Ahmed, Rahman, Islam, Hossain, Ali, Chowdhury, Hoque, Alam, Sarkar, Karim,
    Haque,
  `),
    femaleFamily: ['Begum', 'Khatun', 'Akter', 'Bibi'],
  },
  {
    key: 'TAMIL',
    weight: 2,
    ethnicity: { AOTH: 1 },
    group: 'ASIAN',
    male: list(`
    Tharsan, Kajan, Niroshan, Sivakumar, Suresh, Prakash, Dinesh, Kavin, Aravinth, Thanushan,
    Lakshan, Mathusan,
  `),
    female: list(`
    Tharshika, Nirosha, Sharmila, Kavitha, Thushanthi, Abirami, Kajani, Piriya, Vithusha,
    Sinthuja, Mathumitha,
  `),
    family: list(`
    Sivanathan, Rajendran, Balasubramaniam, Thevarajah, Kanagaratnam, Selvarajah, Nadarajah,
    Yogarajah, Ratnam, Sinnathamby, Arumugam,
  `),
  },
  {
    key: 'CHINESE',
    weight: 2,
    ethnicity: { CHNE: 1 },
    group: 'OTHER',
    male: [
      'Wei',
      'Jun',
      'Hao',
      'Yi',
      'Jian',
      'Ming',
      'Kai',
      'Ethan',
      'Ryan',
      'Jason',
      'Kevin',
      'Leo',
    ],
    female: list(`
    Mei, Xin, Ying, Li, Jing, Hui, Chloe, Grace, Emily, Angela, Vivian, Jessica,
  `),
    family: list(`
    Wang, Li, Zhang, Chen, Liu, Yang, Huang, Zhao, Wu, Zhou, Lin, Chan, Wong, Cheung, Lam, Ng,
  `),
  },
  {
    key: 'ARAB',
    weight: 2,
    ethnicity: { OOTH: 1 },
    group: 'OTHER',
    male: list(`
    Ahmad, Omar, Khaled, Youssef, Karim, Ziad, Hamza, Adam, Rami, Sami, Tariq, Mahmoud,
  `),
    female: list(`
    Layla, Nour, Rania, Yasmin, Mariam, Huda, Lina, Dalia, Salma, Amira, Jana, Hala,
  `),
    family: list(`
    Al-Hassan, Al-Sayed, Haddad, Mansour, Khalil, Nasser, Saleh, Hamdan, Abboud, El-Amin,
    Darwish, Farouk,
  `),
  },
  {
    key: 'LATIN_AMERICAN',
    weight: 2,
    ethnicity: { OOTH: 1 },
    group: 'OTHER',
    male: list(`
    José, Juan, Carlos, Luis, Andrés, Santiago, Sebastián, Mateo, Diego, Alejandro, Nicolás,
    Jesús,
  `),
    female: list(`
    María, Sofía, Valentina, Camila, Daniela, Lucía, Mariana, Ximena, Gabriela, Andrea, Paola,
    Martina,
  `),
    family: list(`
    García, Rodríguez, Martínez, López, González, Hernández, Pérez, Sánchez, Ramírez, Torres,
    Flores, Gómez, Díaz, Vargas, Castro, Jiménez,
  `),
  },
  {
    key: 'CENTRAL_AFRICAN',
    weight: 2,
    ethnicity: { BOTH: 0.6, BAFR: 0.4 },
    group: 'BLACK_AFRICAN',
    male: list(`
    Jean-Paul, Jean-Baptiste, Christian, Patrick, Dieudonné, Aklilu, Dawit, Yonas, Mamadou,
    Moussa, Ibrahima, Cheikh, Samuel, Bereket,
  `),
    female: list(`
    Merveille, Grâce, Divine, Béatrice, Chantal, Nadège, Senait, Helen, Selam, Fatou, Aminata,
    Awa, Mariama, Rahel,
  `),
    family: list(`
    Mbala, Kabongo, Mukendi, Tshibangu, Ilunga, Kasongo, N'Diaye, Diallo, Sow, Tesfaye,
    Gebremedhin, Haile, Tekle, Kidane,
  `),
  },
];

/** Names for unaccompanied asylum-seeking young people, who arrive without a household. */
export const UASC_ORIGINS: readonly Origin[] = [
  {
    key: 'AFGHAN',
    weight: 3,
    ethnicity: { AOTH: 1 },
    group: 'ASIAN',
    male: list(`
    Ahmad, Mohammad, Ali, Mustafa, Hamid, Wahid, Farhad, Naveed, Samiullah, Rahmatullah,
  `),
    female: ['Zahra', 'Mariam', 'Fatima', 'Parisa'],
    family: ['Ahmadi', 'Rahimi', 'Hakimi', 'Karimi', 'Noori', 'Sultani', 'Amiri', 'Haidari'],
  },
  {
    key: 'ERITREAN',
    weight: 2,
    ethnicity: { BAFR: 1 },
    group: 'BLACK_AFRICAN',
    male: ['Yonas', 'Dawit', 'Bereket', 'Filmon', 'Robel', 'Semere', 'Amanuel'],
    female: ['Senait', 'Helen', 'Selam', 'Rahel', 'Luwam'],
    family: ['Tesfaye', 'Haile', 'Tekle', 'Kidane', 'Gebremedhin', 'Berhane', 'Woldu'],
  },
  {
    key: 'SUDANESE',
    weight: 1,
    ethnicity: { BAFR: 1 },
    group: 'BLACK_AFRICAN',
    male: ['Mohamed', 'Abdelrahman', 'Osman', 'Elias', 'Musa', 'Adam'],
    female: ['Amna', 'Hawa', 'Sara'],
    family: ['Abdalla', 'Osman', 'Ibrahim', 'Adam', 'Elhassan', 'Musa'],
  },
];

/**
 * Short forms a given name is commonly known by ('Mo' for Mohammed), for records that hold the
 * everyday name rather than the registered one.
 */
export const SHORT_FORMS: Readonly<Record<string, readonly string[]>> = {
  Alexander: ['Alex'],
  Aleksander: ['Olek'],
  Alexandru: ['Alex'],
  Alexandra: ['Alex', 'Lexi'],
  Aleksandra: ['Ola'],
  Mohammed: ['Mo'],
  Mohamed: ['Mo'],
  Muhammad: ['Mo'],
  Elizabeth: ['Beth', 'Liz', 'Lizzie'],
  Oluwaseun: ['Seun'],
  Oluwatobi: ['Tobi'],
  Oluwafemi: ['Femi'],
  Oluwakemi: ['Kemi'],
  Oluwadamilola: ['Dami', 'Lola'],
  Temitope: ['Tope', 'Temi'],
  Ayodele: ['Ayo'],
  Adebayo: ['Bayo'],
  Damilare: ['Dami'],
  Chukwuemeka: ['Emeka'],
  Funmilayo: ['Funmi'],
  Tolulope: ['Tolu'],
  Abimbola: ['Bola'],
  Christopher: ['Chris'],
  Christian: ['Chris'],
  William: ['Will', 'Billy'],
  Jessica: ['Jess'],
  Katherine: ['Kate', 'Katie'],
  Katarzyna: ['Kasia'],
  Małgorzata: ['Gosia'],
  Rebecca: ['Becky'],
  Abdullahi: ['Abdi'],
  Abdirahman: ['Abdi'],
  Benjamin: ['Ben'],
  Daniel: ['Dan', 'Danny'],
  Samuel: ['Sam'],
  Joseph: ['Joe'],
  Thomas: ['Tom', 'Tommy'],
  Matthew: ['Matt'],
  Nathaniel: ['Nate', 'Nat'],
  Isabella: ['Bella', 'Izzy'],
  Olivia: ['Liv'],
  Victoria: ['Tori', 'Vicky'],
  Jacob: ['Jake'],
  Nicholas: ['Nick'],
  Anthony: ['Tony'],
  Robert: ['Rob', 'Bobby'],
  Michael: ['Mike', 'Mikey'],
  James: ['Jim', 'Jimmy'],
  Francesca: ['Fran', 'Frankie'],
  Zachary: ['Zach'],
  Frederick: ['Fred'],
  Theodore: ['Theo'],
  Harrison: ['Harry'],
  Jennifer: ['Jen', 'Jenny'],
  Stephanie: ['Steph'],
  Gabriela: ['Gabi'],
  Gabriel: ['Gabe'],
  Joshua: ['Josh'],
  Emmanuel: ['Manny'],
  Charlotte: ['Lottie'],
  Deborah: ['Debbie'],
  Patrick: ['Pat'],
  Abdelrahman: ['Abdo'],
};

/** A street of the borough: its postcode district, sector, and the unit postcodes along it. */
export interface StreetSeed {
  name: string;
  outward: string;
}

/** Postcode districts of the borough and the sectors used in each. */
export const POSTCODE_SECTORS: Readonly<Record<string, readonly number[]>> = {
  N15: [3, 4, 5, 6],
  N17: [0, 6, 7, 8, 9],
  N22: [5, 6, 7, 8],
  N8: [0, 7, 8, 9],
};

/** Share of households in each district. */
export const DISTRICT_WEIGHTS: Readonly<Record<string, number>> = {
  N17: 0.34,
  N15: 0.3,
  N22: 0.22,
  N8: 0.14,
};

/** Which MASH team usually works contacts from each district. */
export const DISTRICT_TEAMS: Readonly<Record<string, string>> = {
  N17: 'MASH North',
  N15: 'MASH South',
  N22: 'MASH Central',
  N8: 'MASH Central',
};

/** The MASH teams. */
export const TEAMS = ['MASH North', 'MASH South', 'MASH Central'] as const;

/** Postcodes outside the borough, for people who moved in or live nearby. */
export const OUTSIDE_OUTWARDS = ['N9', 'N18', 'N4', 'N16', 'E17', 'EN3', 'N11', 'N10'] as const;

/** Letters allowed in the last two characters of a postcode. */
export const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/** Hand-written streets, by district. */
export const STREETS: readonly StreetSeed[] = [
  ...list(`
    Philip Lane, West Green Road, Broad Lane, Seven Sisters Road, St Ann's Road, Ferry Lane,
    Chestnut Road, Elmhurst Road, Kitchener Road, Stanley Road, Carlingford Road, Higham Road,
    Sperling Road, Waverley Road, Roslyn Road, Cornwall Road, Hermitage Road, Vartry Road,
    Cranleigh Road, Eade Road, Gorleston Road, Pulford Road, Brunswick Road, Woodside Gardens,
    Suffield Road, Tynemouth Road, Clifton Gardens, Lealand Road, Grovelands Road,
    Crowland Road,
  `).map((name) => ({ name, outward: 'N15' })),
  ...list(`
    Lordship Lane, Park Lane, Bruce Grove, Church Road, Scotland Green, Park View Road,
    Lansdowne Road, Dongola Road, Clyde Road, Greenfield Road, Mount Pleasant Road,
    Kemble Road, Pembury Road, Tenterden Road, Headcorn Road, Ruskin Road, Argyle Road,
    Kings Road, Love Lane, Willoughby Lane, Northumberland Park, Moorefield Road,
    Sandlings Close, Steele Road, Napier Road, Linley Road, Culvert Road, Daleview Road,
    Downhills Park Road, Bedford Road, Chalgrove Road, Mitchley Road, Queen Street,
    Coniston Road, Creighton Road,
  `).map((name) => ({ name, outward: 'N17' })),
  ...list(`
    Lymington Avenue, Station Road, Dunbar Road, Bounds Green Road, Pellatt Grove, Mayes Road,
    Moselle Avenue, Vincent Road, Sandringham Road, Braemar Avenue, Buckingham Road,
    Winkfield Road, Whittington Road, Truro Road, Finsbury Road, Sirdar Road,
    Gladstone Avenue, Morley Avenue, Pelham Road, Nightingale Road, Berners Road,
    Trinity Road,
  `).map((name) => ({ name, outward: 'N22' })),
  ...list(`
    Wightman Road, Cavendish Road, Fairfax Road, Tottenham Lane, Priory Road, Weston Park,
    Ferme Park Road, Nelson Road, Rathcoole Gardens, Uplands Road, Denton Road,
    Beresford Road, Hillfield Avenue, Rokesly Avenue, Elmfield Avenue, Inderwick Road,
    Hermiston Avenue,
  `).map((name) => ({ name, outward: 'N8' })),
];

/** A school as first written down: name and phase. */
export interface SchoolSeed {
  name: string;
  phase: 'PRIMARY' | 'SECONDARY' | 'SPECIAL' | 'ALTERNATIVE_PROVISION';
}

/** Hand-written schools of the borough (more primaries than any scale below ~1.3 needs). */
export const SCHOOLS: readonly SchoolSeed[] = [
  ...list(`
    Park Lane Primary School, Bruce Grove Primary School, Lordship Lane Primary School,
    St Ann's CE Primary School, Chestnut Grove Primary School, Downhills Park Primary School,
    West Green Primary School, Broadwater Primary School, Seven Sisters Primary School,
    Mount Pleasant Primary School, Ferry Lane Primary School, Stamford Brook Primary School,
    Earlsmead Primary School, Welbourne Primary School, Tiverton Primary School,
    Crowland Primary School, Coleraine Park Primary School, Risley Avenue Primary School,
    The Willow Primary School, Harris Primary Academy Tottenham Hale,
    St Mary's CE Primary School, Our Lady of the Rosary RC Primary School,
    St Aidan's VC Primary School, Holy Trinity CE Primary School, St Paul's RC Primary School,
    St Francis de Sales RC Infant and Junior School, Bounds Green Primary School,
    Lyndhurst Park Primary School, Alexandra Primary School, Nightingale Primary School,
    Trinity Primary Academy, Rokesly Primary School, Weston Park Primary School,
    Coldfall Primary School, Hornsey Vale Primary School, Stroud Green Primary School,
    North Harringay Primary School, South Harringay Infants, Belmont Junior School,
    Devonshire Hill Primary School, Lancasterian Primary School, Noel Park Primary School,
    Rhodes Avenue Primary School, Tetherdown Primary School, Ashmount Fields Primary School,
    Campsbourne Primary School, Highgate Brook Primary School, St Gildas' RC Junior School,
    Woodlands Park Primary School, Mulberry Primary School,
  `).map((name) => ({ name, phase: 'PRIMARY' as const })),
  ...list(`
    Tottenham Hale Academy, Lordship Park High School, Wood Green Community School,
    Broad Lane Academy, Hornsey Vale School for Girls, Bruce Castle Academy,
    St Thomas More Catholic School, Chestnut Grove High School, West Green Community School,
    Downhills Academy, Northside Boys' School, Alexandra Park High School,
    Harringay Park School, Muswell Vale School,
  `).map((name) => ({ name, phase: 'SECONDARY' as const })),
  { name: 'Moselle Valley Special School', phase: 'SPECIAL' },
  { name: 'Riverside Brook School (Special)', phase: 'SPECIAL' },
  { name: 'Octagon Pupil Referral Unit', phase: 'ALTERNATIVE_PROVISION' },
  { name: 'Tottenham Green Alternative Provision Academy', phase: 'ALTERNATIVE_PROVISION' },
];

/** Hand-written GP practice names. */
export const GP_PRACTICES: readonly string[] = list(`
    Bruce Grove Medical Centre, Lawrence House Surgery, Tynemouth Road Health Centre,
    Morris House Group Practice, The Laurels Medical Practice, Grove Road Surgery,
    West Green Road Surgery, Stuart Crescent Health Centre, Queenswood Medical Practice,
    Charlton House Medical Centre, Park Lane Surgery, Dowsett Road Surgery,
    Tottenham Health Centre, Havergal Surgery, Bounds Green Group Practice, Fernlea Surgery,
    Highgate Group Practice, Muswell Hill Practice, Crouch Hall Road Surgery,
    Somerset Gardens Family Health Centre, Westbury Medical Centre, Rutland House Surgery,
    Lordship Lane Medical Centre, Cheshire Road Surgery, Alexandra Surgery,
    Arcadian Gardens Surgery, Staunton Group Practice, Spur Road Surgery, Vale Practice,
    Green Lanes Medical Centre, St Ann's Road Surgery, Seven Sisters Medical Centre,
    Broadwater Farm Surgery, Myddleton Road Surgery, Tottenham Hale Medical Practice,
    Wood Green Group Practice, Hornsey Park Surgery, Philip Lane Surgery,
    Northumberland Park Practice, Ferry Lane Health Centre,
  `);

/** Health centres health visitors work from. */
export const HEALTH_CENTRES: readonly string[] = [
  'Tottenham Hale HC',
  'Lordship Lane HC',
  'Bounds Green HC',
  'Hornsey Central HC',
  'Stuart Crescent HC',
  'Park Lane HC',
  "St Ann's HC",
  'Wood Green HC',
];

/** Unscheduled care sites by setting. */
export const CARE_SITES = {
  EMERGENCY_DEPARTMENT: list(`
    North Middlesex University Hospital ED, Whittington Hospital ED, Royal Free Hospital ED,
    Homerton Hospital ED,
  `),
  WALK_IN: ['Tottenham Hale Urgent Treatment Centre', 'Hornsey Central Walk-in Centre'],
  OUT_OF_HOURS: ['Out-of-hours GP service, Lordship Lane', 'Out-of-hours GP hub, Wood Green'],
  MATERNITY: ['North Middlesex Maternity Triage', 'Whittington Maternity Assessment Unit'],
} as const;

/** Weights of the ED sites (the nearest takes most). */
export const ED_WEIGHTS = [0.55, 0.25, 0.1, 0.1] as const;

/** Other local authorities children move in from, with their DfE LA numbers. */
export const OTHER_LAS: readonly { number: string; name: string }[] = [
  { number: '308', name: 'London Borough of Enfield' },
  { number: '302', name: 'London Borough of Barnet' },
  { number: '204', name: 'London Borough of Hackney' },
  { number: '206', name: 'London Borough of Islington' },
  { number: '320', name: 'London Borough of Waltham Forest' },
  { number: '202', name: 'London Borough of Camden' },
  { number: '330', name: 'Birmingham City Council' },
];

/** The borough's own DfE LA number, used in the UPNs its schools issue. */
export const HOME_LA_NUMBER = '309';
