<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:fh="http://purl.org/syndication/history/1.0" version="1.0" exclude-result-prefixes="atom content fh">
  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>
  <xsl:template match="/atom:feed">
    <xsl:call-template name="page">
      <xsl:with-param name="title" select="atom:title"/>
      <xsl:with-param name="subtitle" select="atom:subtitle"/>
      <xsl:with-param name="self" select="atom:link[@rel='self']/@href"/>
      <xsl:with-param name="current" select="atom:link[@rel='current']/@href"/>
      <xsl:with-param name="archive" select="boolean(fh:archive)"/>
      <xsl:with-param name="entries" select="atom:entry"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="/rss">
    <xsl:call-template name="page">
      <xsl:with-param name="title" select="channel/title"/>
      <xsl:with-param name="subtitle" select="channel/description"/>
      <xsl:with-param name="self" select="channel/atom:link[@rel='self']/@href"/>
      <xsl:with-param name="current" select="channel/atom:link[@rel='current']/@href"/>
      <xsl:with-param name="archive" select="boolean(channel/fh:archive)"/>
      <xsl:with-param name="entries" select="channel/item"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template name="page">
    <xsl:param name="title"/>
    <xsl:param name="subtitle"/>
    <xsl:param name="self"/>
    <xsl:param name="current"/>
    <xsl:param name="archive"/>
    <xsl:param name="entries"/>
    <xsl:variable name="up">
      <xsl:if test="$archive">../../</xsl:if>
    </xsl:variable>
    <html lang="en">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="color-scheme" content="light dark"/>
        <title><xsl:value-of select="$title"/> (web feed)</title>
        <style>
:root { color-scheme: light dark; --fg: #1c1d1f; --bg: #fbfbf9; --muted: #5d6066; --accent: #0a58b0;
  --rule: #dcdcd6; --card: #ffffff; --card-rule: #e6e5df; --note: #eef4fc; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e7e6e3; --bg: #141517; --muted: #a3a6ad; --accent: #8cb8ff;
    --rule: #34363b; --card: #1c1e21; --card-rule: #2c2f33; --note: #1a2433; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 46rem; padding: 1rem 1.1rem 3rem; color: var(--fg); background: var(--bg);
  font: 1.0625rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  overflow-wrap: break-word; }
a { color: var(--accent); }
.kicker { margin: 1.5rem 0 0; color: var(--muted); text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.8rem; font-weight: 700; }
h1 { font-size: 1.8rem; line-height: 1.2; margin: 0.2rem 0 0.8rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 1rem; padding-bottom: 0.3rem; border-bottom: 2px solid var(--rule); }
.subscribe { background: var(--note); border-radius: 0.6rem; padding: 0.2rem 1.2rem 0.6rem; margin: 1.5rem 0; }
.subscribe h2 { border: 0; margin: 0.8rem 0 0.3rem; padding: 0; font-size: 1.15rem; }
.subscribe code { display: block; padding: 0.5rem 0.7rem; background: var(--card); border: 1px solid var(--rule);
  border-radius: 0.4rem; font-size: 0.9rem; user-select: all; overflow-x: auto; }
.entry { background: var(--card); border: 1px solid var(--card-rule); border-radius: 0.6rem; padding: 1rem 1.2rem; margin: 0 0 1.2rem; }
.entry h3 { font-size: 1.15rem; line-height: 1.35; margin: 0 0 0.4rem; }
.entry p { margin: 0.3rem 0; }
.date { color: var(--muted); font-size: 0.9rem; }
.summary, .subtitle { white-space: pre-line; }
</style>
      </head>
      <body>
        <header>
          <p class="kicker">Web feed</p>
          <h1>
            <xsl:value-of select="$title"/>
          </h1>
          <p class="subtitle">
            <xsl:value-of select="$subtitle"/>
          </p>
        </header>
        <section class="subscribe" aria-labelledby="subscribe-heading">
          <h2 id="subscribe-heading">How to subscribe</h2>
          <xsl:choose>
            <xsl:when test="$archive">
              <p>This feed is the archive of a past year: its talks no longer change. To hear of every new talk, copy the address of the seminar's feed into your feed reader:</p>
              <p class="address">
                <code>
                  <xsl:value-of select="$current"/>
                </code>
              </p>
            </xsl:when>
            <xsl:otherwise>
              <p>This is a web feed: copy its address into your feed reader to hear of every new talk.</p>
              <p class="address">
                <xsl:choose>
                  <xsl:when test="$self">
                    <code>
                      <xsl:value-of select="$self"/>
                    </code>
                  </xsl:when>
                  <xsl:otherwise>The address is the one in your browser's address bar.</xsl:otherwise>
                </xsl:choose>
              </p>
            </xsl:otherwise>
          </xsl:choose>
          <p>Rather have the talks in your calendar? <a href="webcal://www.epfl.ch/labs/csft/internal-seminar-theory-of-neural-nets/feeds/calendar.ics">Subscribe to the seminar's calendar</a> (every new talk appears in it)<xsl:choose><xsl:when test="$archive">, or <a href="calendar.ics">download this year's talks</a> as a file to import once</xsl:when><xsl:otherwise>, or <a href="{$up}calendar.ics">download it</a> as a file to import once (it will not update)</xsl:otherwise></xsl:choose>. Everything is also on <a href="{$up}index.html">the seminar's web page</a>.</p>
        </section>
        <main aria-labelledby="entries-heading">
          <h2 id="entries-heading">Talks in this feed</h2>
          <xsl:apply-templates select="$entries"/>
          <xsl:if test="not($entries)">
            <p>No talk has been announced yet.</p>
          </xsl:if>
        </main>
      </body>
    </html>
  </xsl:template>
  <xsl:template match="atom:entry">
    <article class="entry">
      <h3>
        <xsl:choose>
          <xsl:when test="atom:link[not(@rel) or @rel='alternate'][1]/@href">
            <a href="{atom:link[not(@rel) or @rel='alternate'][1]/@href}">
              <xsl:value-of select="atom:title"/>
            </a>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="atom:title"/>
          </xsl:otherwise>
        </xsl:choose>
      </h3>
      <xsl:if test="(atom:published | atom:updated)[1]">
        <p class="date">Announced <time datetime="{(atom:published | atom:updated)[1]}"><xsl:value-of select="substring((atom:published | atom:updated)[1], 1, 10)"/></time></p>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="atom:content[@type='html'] and system-property('xsl:vendor') != 'Transformiix'">
          <div class="content">
            <xsl:value-of select="atom:content[@type='html'][1]" disable-output-escaping="yes"/>
          </div>
        </xsl:when>
        <xsl:otherwise>
          <p class="summary">
            <xsl:value-of select="(atom:summary | atom:content[not(@type) or @type='text'])[1]"/>
          </p>
        </xsl:otherwise>
      </xsl:choose>
    </article>
  </xsl:template>
  <xsl:template match="item">
    <article class="entry">
      <h3>
        <xsl:choose>
          <xsl:when test="link">
            <a href="{link}">
              <xsl:value-of select="title"/>
            </a>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="title"/>
          </xsl:otherwise>
        </xsl:choose>
      </h3>
      <xsl:if test="pubDate">
        <p class="date">Announced <time datetime="{concat(substring(pubDate, 13, 4), '-', format-number(string-length(substring-before('JanFebMarAprMayJunJulAugSepOctNovDec', substring(pubDate, 9, 3))) div 3 + 1, '00'), '-', substring(pubDate, 6, 2), 'T', substring(pubDate, 18, 8), 'Z')}"><xsl:value-of select="substring(pubDate, 1, 16)"/></time></p>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="(content:encoded | description[not(../content:encoded)]) and system-property('xsl:vendor') != 'Transformiix'">
          <div class="content">
            <xsl:value-of select="(content:encoded | description[not(../content:encoded)])[1]" disable-output-escaping="yes"/>
          </div>
        </xsl:when>
        <xsl:otherwise>
          <p class="summary">
            <xsl:call-template name="plain-text">
              <xsl:with-param name="html" select="string((description)[1])"/>
            </xsl:call-template>
          </p>
        </xsl:otherwise>
      </xsl:choose>
    </article>
  </xsl:template>
  <xsl:template name="plain-text">
    <xsl:param name="html"/>
    <xsl:choose>
      <xsl:when test="contains($html, '&lt;')">
        <xsl:call-template name="unescape">
          <xsl:with-param name="text" select="substring-before($html, '&lt;')"/>
        </xsl:call-template>
        <xsl:if test="starts-with(substring-before(substring-after($html, '&lt;'), '&gt;'), '/p') or starts-with(substring-before(substring-after($html, '&lt;'), '&gt;'), '/li') or starts-with(substring-before(substring-after($html, '&lt;'), '&gt;'), 'br')">
          <xsl:text>

</xsl:text>
        </xsl:if>
        <xsl:call-template name="plain-text">
          <xsl:with-param name="html" select="substring-after(substring-after($html, '&lt;'), '&gt;')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="unescape">
          <xsl:with-param name="text" select="$html"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template name="unescape">
    <xsl:param name="text"/>
    <xsl:param name="entities" select="concat('&amp;lt;&lt;&amp;gt;&gt;&amp;quot;&quot;&amp;#39;', &quot;'&quot;, '&amp;amp;&amp;')"/>
    <xsl:choose>
      <xsl:when test="$entities and contains($text, concat(substring-before($entities, ';'), ';'))">
        <xsl:call-template name="unescape">
          <xsl:with-param name="text" select="substring-before($text, concat(substring-before($entities, ';'), ';'))"/>
          <xsl:with-param name="entities" select="$entities"/>
        </xsl:call-template>
        <xsl:value-of select="substring(substring-after($entities, ';'), 1, 1)"/>
        <xsl:call-template name="unescape">
          <xsl:with-param name="text" select="substring-after($text, concat(substring-before($entities, ';'), ';'))"/>
          <xsl:with-param name="entities" select="$entities"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$entities">
        <xsl:call-template name="unescape">
          <xsl:with-param name="text" select="$text"/>
          <xsl:with-param name="entities" select="substring(substring-after($entities, ';'), 2)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$text"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
