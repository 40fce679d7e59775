"""Every page answers with its Dutch content; the English switch works; errors are styled."""
import pytest


def test_home_is_dutch_and_lists_the_five_themes(client):
    response = client.get("/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert '<html lang="nl"' in page
    assert "Digitale veiligheid is chefsache" in page
    for title in ("Leiderschap en professionalisering", "Europa en digitale veiligheid", "Eigen huis op orde",
                  "Versterken weerbaarheid inwoners en ondernemers",
                  "Voorbereiding op digitale ontwrichting, incidenten en crises"):
        assert title in page


def test_pages_have_landmarks_and_a_skip_link(client):
    page = client.get("/themas/").get_data(as_text=True)
    assert 'href="#main"' in page and 'id="main"' in page
    assert "<header" in page and "<nav" in page and "<footer" in page


def test_theme_page_shows_its_guide(client):
    page = client.get("/themas/leiderschap").get_data(as_text=True)
    assert "Verken de publieke waarden, voer het gesprek met de raad" in page
    assert "Rian van Dam" in page
    assert "Integraal Veiligheidsplan" in page
    assert "Doorvragen" in page


def test_unknown_theme_and_page_give_the_styled_404(client):
    for url in ("/themas/bestaat-niet", "/bestaat/niet"):
        response = client.get(url)
        assert response.status_code == 404
        page = response.get_data(as_text=True)
        assert "Pagina niet gevonden" in page
        assert "utrecht-components.css" in page


def test_language_switch_to_english_and_back(client):
    response = client.post("/taal", data={"lang": "en", "next": "/themas/"})
    assert response.status_code == 302 and response.headers["Location"] == "/themas/"
    page = client.get("/themas/").get_data(as_text=True)
    assert '<html lang="en"' in page
    assert "The five priorities and their interview guides" in page
    client.post("/taal", data={"lang": "nl"})
    assert "De vijf prioriteiten en hun gespreksleidraad" in client.get("/themas/").get_data(as_text=True)


def test_language_switch_never_redirects_off_site(client):
    response = client.post("/taal", data={"lang": "en", "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("url", ["/rondes/", "/rondes/1", "/rondes/gesprekken/1"])
def test_round_pages_need_a_login(client, demo, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/inloggen" in response.headers["Location"]


def test_rounds_and_conversation_pages_for_a_projectleider(client, auth, demo):
    auth.as_projectleider()
    page = client.get("/rondes/").get_data(as_text=True)
    assert "Bestuurlijke gespreksronde digitale veiligheid 2024 (demo)" in page
    page = client.get(f"/rondes/{demo}").get_data(as_text=True)
    assert "Haarlem – Maastricht" in page and "Anna Verhoef" in page
    conversation_link = page.split('href="/rondes/gesprekken/')[1].split('"')[0]
    page = client.get(f"/rondes/gesprekken/{conversation_link}", follow_redirects=True).get_data(as_text=True)
    assert "Staat digitale veiligheid in het Integraal Veiligheidsplan" in page
    assert "Haarlem" in page and "Maastricht" in page
    assert f'href="/planning/gesprekken/{conversation_link}">Planning en deelnemers bewerken' in page


def test_a_server_error_gives_the_styled_500(app):
    def broken():
        raise RuntimeError("kapot")

    app.add_url_rule("/kapot", "broken", broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().get("/kapot")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Er ging iets mis" in page and "kapot" not in page.split("<main")[1]


def test_security_headers_forbid_other_origins(client):
    headers = client.get("/").headers
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_pages_of_signed_in_users_are_never_cached_public_pages_may_be(client, auth, demo):
    assert "Cache-Control" not in client.get("/").headers
    auth.as_projectleider()
    for url in ("/rondes/", f"/rondes/{demo}", f"/rondes/{demo}/opbrengst/cijfers",
                f"/planning/rondes/{demo}/gemeenten"):
        assert client.get(url).headers["Cache-Control"] == "no-store", url


def test_assets_are_served_locally(client):
    page = client.get("/").get_data(as_text=True)
    assert "https://" not in page.split("</head>")[0]
    for asset in ("vendor/utrecht-design-tokens.css", "vendor/utrecht-components.css", "css/app.css"):
        assert client.get(f"/static/{asset}").status_code == 200


def test_login_with_wrong_password_keeps_the_email(client, auth):
    auth.create("pl@example.org")
    response = client.post("/inloggen", data={"email": "pl@example.org", "password": "fout-wachtwoord"})
    assert response.status_code == 401
    page = response.get_data(as_text=True)
    assert "E-mailadres of wachtwoord klopt niet." in page
    assert 'value="pl@example.org"' in page


def test_an_empty_required_field_says_verplicht_like_its_label(client):
    page = client.post("/inloggen", data={"email": "", "password": ""}).get_data(as_text=True)
    # Beside each of the two fields and again in the summary at the top of the form.
    assert page.count("Dit veld is verplicht.") == 4 and "vereist" not in page
