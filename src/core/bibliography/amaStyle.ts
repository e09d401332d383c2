/**
 * AMA Manual of Style, 11th edition, as a compact CSL 1.0.2 style (citation-js ships APA,
 * Vancouver and Harvard, not AMA). Covers what medical manuscripts cite: journal articles,
 * books, chapters, reports, theses and web pages.
 * Rules: up to 6 authors, else the first 3 + "et al"; initials without periods; abbreviated
 * journal in italics; "Year;Vol(Issue):Pages" with full page ranges joined by a hyphen; "doi:".
 */
export const AMA_STYLE_XML = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" demote-non-dropping-particle="never" page-range-format="expanded">
  <info>
    <title>American Medical Association 11th edition (compact)</title>
    <id>vexas-manuscript/ama</id>
    <updated>2026-11-23T00:00:00+00:00</updated>
  </info>
  <locale xml:lang="en">
    <terms>
      <term name="page-range-delimiter">-</term>
      <term name="et-al">et al</term>
    </terms>
  </locale>
  <macro name="names">
    <names variable="author">
      <name name-as-sort-order="all" sort-separator=" " initialize-with="" delimiter=", " delimiter-precedes-last="always"/>
      <substitute><names variable="editor"/></substitute>
    </names>
  </macro>
  <macro name="editors">
    <names variable="editor">
      <name name-as-sort-order="all" sort-separator=" " initialize-with="" delimiter=", " delimiter-precedes-last="always"/>
      <label form="short" prefix=", "/>
    </names>
  </macro>
  <macro name="title">
    <choose>
      <if type="book report thesis" match="any"><text variable="title" font-style="italic"/></if>
      <else><text variable="title"/></else>
    </choose>
  </macro>
  <macro name="edition">
    <choose>
      <if is-numeric="edition"><group delimiter=" "><number variable="edition" form="ordinal"/><text term="edition" form="short"/></group></if>
      <else><text variable="edition"/></else>
    </choose>
  </macro>
  <macro name="publisher">
    <group delimiter="; ">
      <text variable="publisher"/>
      <date variable="issued"><date-part name="year"/></date>
    </group>
  </macro>
  <macro name="access">
    <choose>
      <if variable="DOI"><text variable="DOI" prefix="doi:"/></if>
      <else-if variable="URL">
        <group delimiter=". ">
          <group delimiter=" "><text value="Accessed"/><date variable="accessed" form="text"/></group>
          <text variable="URL"/>
        </group>
      </else-if>
    </choose>
  </macro>
  <citation collapse="citation-number">
    <sort><key variable="citation-number"/></sort>
    <layout vertical-align="sup" delimiter=","><text variable="citation-number"/></layout>
  </citation>
  <bibliography et-al-min="7" et-al-use-first="3" second-field-align="flush">
    <layout>
      <text variable="citation-number" suffix=". "/>
      <group delimiter=" ">
        <text macro="names" suffix="."/>
        <text macro="title" suffix="."/>
        <choose>
          <if type="article-journal article-magazine article-newspaper review" match="any">
            <group delimiter=" ">
              <text variable="container-title" form="short" font-style="italic" strip-periods="true" suffix="."/>
              <group suffix=".">
                <date variable="issued"><date-part name="year"/></date>
                <group prefix=";"><text variable="volume"/><text variable="issue" prefix="(" suffix=")"/></group>
                <text variable="page" prefix=":"/>
              </group>
            </group>
          </if>
          <else-if type="chapter paper-conference entry-encyclopedia" match="any">
            <group delimiter=" ">
              <group delimiter=" " suffix=".">
                <text term="in" text-case="capitalize-first" suffix=":"/>
                <text macro="editors" suffix="."/>
                <text variable="container-title" font-style="italic"/>
              </group>
              <text macro="edition" suffix="."/>
              <group suffix=".">
                <text macro="publisher"/>
                <text variable="page" prefix=":"/>
              </group>
            </group>
          </else-if>
          <else-if type="webpage post-weblog" match="any">
            <group delimiter=" ">
              <text variable="container-title" suffix="."/>
              <group delimiter=" " suffix="."><text value="Published"/><date variable="issued" form="text"/></group>
            </group>
          </else-if>
          <else>
            <group delimiter=" ">
              <text macro="edition" suffix="."/>
              <group delimiter=" " suffix="."><text variable="genre"/><text variable="number"/></group>
              <text macro="publisher" suffix="."/>
            </group>
          </else>
        </choose>
        <text macro="access"/>
      </group>
    </layout>
  </bibliography>
</style>`;
