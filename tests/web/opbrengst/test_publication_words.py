"""The published opbrengst as a browser's form sends it (issue 14, point 9): a textarea arrives with
CR LF line ends, and the introduction still keeps its paragraphs; coverage counts agree in number."""
import re


def test_an_introduction_typed_in_a_browser_keeps_its_paragraphs(client, auth, demo):
    auth.as_projectleider()
    saved = client.post(f"/rondes/{demo}/opbrengst", data={
        "main_lesson": "Digitale veiligheid is chefsache.", "version": "0",
        "introduction": "Eerste alinea over de ronde.\r\n\r\nTweede alinea over de lessen."})
    assert saved.status_code == 302
    assert client.post(f"/rondes/{demo}/opbrengst/publiceren", data={"bevestigd": "ja"}).status_code == 302
    page = client.get(f"/opbrengst/{demo}").get_data(as_text=True)
    introduction = page.split('class="yield-introduction"', 1)[1].split("</section>", 1)[0]
    assert re.findall(r"<p[^>]*>([^<]*)</p>", introduction) == ["Eerste alinea over de ronde.",
                                                                "Tweede alinea over de lessen."]
    # Coverage: "van de N gesprekken" for several, never "van de 1 gesprekken".
    assert "van de 1 gesprekken" not in page
    assert re.search(r"kwam aan bod in \d+ van de \d+ gesprekken\.", page)
