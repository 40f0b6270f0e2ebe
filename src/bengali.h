/*
 * bengali.h - names for the code points of the Bengali block (and the few
 * others) that the rules of the library spell out: one list for the
 * normalizer, the stemmer and the name keys.
 */
#ifndef SONGBAD_BENGALI_H
#define SONGBAD_BENGALI_H

enum {
    BN_CANDRABINDU = 0x0981, BN_ANUSVARA = 0x0982,
    /* independent vowels */
    BN_A = 0x0985, BN_AA = 0x0986, BN_I = 0x0987, BN_II = 0x0988,
    BN_U = 0x0989, BN_UU = 0x098A, BN_VOCALIC_R = 0x098B, BN_E = 0x098F,
    BN_AI = 0x0990, BN_O = 0x0993, BN_AU = 0x0994,
    /* consonants */
    BN_KA = 0x0995, BN_KHA = 0x0996, BN_GA = 0x0997, BN_NGA = 0x0999,
    BN_CA = 0x099A, BN_CHA = 0x099B, BN_JA = 0x099C, BN_NYA = 0x099E,
    BN_DDA = 0x09A1, BN_DDHA = 0x09A2, BN_NNA = 0x09A3, BN_TA = 0x09A4,
    BN_DA = 0x09A6, BN_NA = 0x09A8, BN_PA = 0x09AA, BN_BA = 0x09AC,
    BN_MA = 0x09AE, BN_YA = 0x09AF, BN_RA = 0x09B0, BN_LA = 0x09B2,
    BN_SHA = 0x09B6, BN_SSA = 0x09B7, BN_SA = 0x09B8, BN_HA = 0x09B9,
    BN_NUKTA = 0x09BC,
    /* vowel signs */
    BN_SIGN_AA = 0x09BE, BN_SIGN_I = 0x09BF, BN_SIGN_II = 0x09C0,
    BN_SIGN_U = 0x09C1, BN_SIGN_UU = 0x09C2, BN_SIGN_VOCALIC_R = 0x09C3,
    BN_SIGN_E = 0x09C7, BN_SIGN_AI = 0x09C8, BN_SIGN_O = 0x09CB,
    BN_SIGN_AU = 0x09CC, BN_VIRAMA = 0x09CD, BN_KHANDA_TA = 0x09CE,
    BN_AU_LENGTH = 0x09D7, BN_RRA = 0x09DC, BN_RHA = 0x09DD, BN_YYA = 0x09DF,
    BN_VOCALIC_L_SIGN = 0x09E2, BN_VOCALIC_LL_SIGN = 0x09E3,
    BN_DIGIT_ZERO = 0x09E6, BN_DIGIT_NINE = 0x09EF,
    BN_RA_MIDDLE = 0x09F0, BN_RA_LOWER = 0x09F1,
    BN_CURRENCY_FOUR = 0x09F7, /* ৷, often typed for the danda */
    DANDA = 0x0964, DOUBLE_DANDA = 0x0965, ZWNJ = 0x200C, ZWJ = 0x200D
};

#endif
