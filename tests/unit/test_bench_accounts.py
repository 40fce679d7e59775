"""`make bench` signs in as its own project leader: that account must pass the password policy,
or the benchmark stops before it measures anything."""
from visitatie.accounts.auth import check_new_password
from visitatie.demo.bench import BENCH_LOGIN


def test_the_bench_account_passes_the_password_policy():
    email, password = BENCH_LOGIN
    check_new_password(password, email, "")  # raises AccountError with the reason when refused


def test_the_demo_login_passes_the_password_policy():
    from visitatie.demo.gespreksronde import DEMO_LOGIN

    email, password = DEMO_LOGIN
    check_new_password(password, email, "Demo projectleider")
