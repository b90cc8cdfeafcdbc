/** The 135 CSV columns of the GTD, in the order of its downloads (globalterrorismdb_0522dist and earlier). */
export const GTD_COLUMNS = (
  'eventid iyear imonth iday approxdate extended resolution country country_txt region region_txt provstate city ' +
  'latitude longitude specificity vicinity location summary crit1 crit2 crit3 doubtterr alternative alternative_txt ' +
  'multiple success suicide attacktype1 attacktype1_txt attacktype2 attacktype2_txt attacktype3 attacktype3_txt ' +
  'targtype1 targtype1_txt targsubtype1 targsubtype1_txt corp1 target1 natlty1 natlty1_txt targtype2 targtype2_txt ' +
  'targsubtype2 targsubtype2_txt corp2 target2 natlty2 natlty2_txt targtype3 targtype3_txt targsubtype3 ' +
  'targsubtype3_txt corp3 target3 natlty3 natlty3_txt gname gsubname gname2 gsubname2 gname3 gsubname3 motive ' +
  'guncertain1 guncertain2 guncertain3 individual nperps nperpcap claimed claimmode claimmode_txt claim2 claimmode2 ' +
  'claimmode2_txt claim3 claimmode3 claimmode3_txt compclaim weaptype1 weaptype1_txt weapsubtype1 weapsubtype1_txt ' +
  'weaptype2 weaptype2_txt weapsubtype2 weapsubtype2_txt weaptype3 weaptype3_txt weapsubtype3 weapsubtype3_txt ' +
  'weaptype4 weaptype4_txt weapsubtype4 weapsubtype4_txt weapdetail nkill nkillus nkillter nwound nwoundus nwoundte ' +
  'property propextent propextent_txt propvalue propcomment ishostkid nhostkid nhostkidus nhours ndays divert ' +
  'kidhijcountry ransom ransomamt ransomamtus ransompaid ransompaidus ransomnote hostkidoutcome hostkidoutcome_txt ' +
  'nreleased addnotes scite1 scite2 scite3 dbsource int_log int_ideo int_misc int_any related'
).split(' ');

export const GTD_REQUIRED = [
  'eventid',
  'iyear',
  'imonth',
  'iday',
  'country_txt',
  'latitude',
  'longitude',
  'attacktype1_txt',
  'gname',
] as const;

/** Columns kept verbatim with the incident (its extra columns): the codes the mapping reduces. */
export const GTD_KEPT = [
  'approxdate',
  'specificity',
  'doubtterr',
  'claimed',
  'guncertain1',
  'suicide',
  'success',
  'attacktype1_txt',
  'targtype1_txt',
  'weaptype1_txt',
  'nkillter',
  'nwoundte',
] as const;

const KNOWN = new Set<string>(GTD_COLUMNS);

/** Header cell → column key (case-insensitive: the GTD writes INT_LOG etc. in capitals). */
export function gtdColumnKey(header: string): string | null {
  const k = header.trim().toLowerCase();
  return KNOWN.has(k) ? k : null;
}
