"""Notification activities without addresses: every reader of a letter sees its timeline, and the entries written
before this migration named the address a notification went to (`EMAIL to kari@example.no: SUCCEEDED (…)`).
Rewrites each to the channel and the outcome, as `correspondence/notification/activity.py` now writes them
("E-mail notification sent", "SMS notification failed: the message bounced"). The relay's own reason is dropped
too: it often quotes the address. Hand-written: a data migration, the models are unchanged.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# (result, outcome): the first whose pattern matches the old text wins; specific failures before plain FAILED.
OUTCOMES = (
    ("DELIVERED", "delivered"),
    ("SUCCEEDED", "sent"),
    ("ACCEPTED", "sent"),
    ("FAILED_RECIPIENT_RESERVED", "failed: the recipient has reserved against digital contact"),
    ("FAILED_RECIPIENT_NOT_IDENTIFIED", "failed: no contact details for the channel"),
    ("FAILED_INVALID_EMAIL_FORMAT", "failed: the e-mail address is invalid"),
    ("FAILED_INVALID_RECIPIENT", "failed: the recipient is invalid"),
    ("FAILED_BOUNCED", "failed: the message bounced"),
    ("FAILED_UNDELIVERED", "failed: the message was not delivered"),
    ("FAILED_TTL", "failed: not sent in time"),
    ("FAILED", "failed"),
)


def _outcome() -> str:
    # The old text ends with `: <RESULT>` or continues with ` (<reason>)`; a text cut at 1024 characters may
    # have lost both, and then the activity type says which way it went.
    cases = "".join(
        f"""
            WHEN "text" LIKE '%: {result}' OR "text" LIKE '%: {result} (%' THEN '{outcome}'"""
        for result, outcome in OUTCOMES
    )
    return f"""CASE{cases}
            WHEN "type" = 'NOTIFICATION_SENT' THEN 'sent'
            ELSE 'failed'
        END"""


async def upgrade(db: BaseDBAsyncClient) -> str:
    return f"""
        UPDATE "activity" SET "text" =
        CASE WHEN "text" LIKE 'SMS to %' THEN 'SMS notification ' ELSE 'E-mail notification ' END
        || {_outcome()}
        WHERE "type" IN ('NOTIFICATION_SENT', 'NOTIFICATION_FAILED')
        AND ("text" LIKE 'EMAIL to %' OR "text" LIKE 'SMS to %');"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        SELECT 1;"""  # the addresses are gone for good, which is the point


# The models are unchanged by this migration: aerich diffs the next one against this state.
MODELS_STATE = (
    "eJztPWtzo7iWf4Xyl+2pmu1K0ulXdmurHIekuePglE1mumc8RRFbcdhg8OXR3b53+7+vJF"
    "4CCYwI2JjWlwRLOgLOQUfnpXP+PVg7S2B5r4cL3/xq+tvBhfTvgW2sAbyg+n6VBsZmk/ag"
    "Bt94sPBggxz14PkubIDtj4blAdi0BN7CNTe+6diw1Q4sCzU6CzjQtFdpU2Cb/wyA7jsr4D"
    "8BF3b89TdsNu0l+A68+OfmWX80gbXMPK65RPfG7bq/3eC2S3Ol2P41Hotu+KAvHCtY2+n4"
    "zdZ/cuwEwLR91LoCNnANH6A7+G6A3gA9YPSy8UuFD5sOCZ+SgFmCRyOwfOKNH/S0baDr6k"
    "TTZ7Km6wMOHC0cG+EXPqqHEbBCj/CfH8/O3rx5f3by5t2Ht+fv37/9cPIBjsXPS3e9/xE+"
    "TIqtcCqMM+VGUTX0QA4kYkhd1PADwxi+EUJhYqTYxwik8D96MlzZDtaYAgp8bMNeAIoSMW"
    "yOFvAl87SIMV9GjLghpUb6EdYnx+Du/nKszD7JVxdScjm3o0v9eqiMia7o99y+lrURhoku"
    "5vZUHsKf6O/cHk3Ua2V6i/qTy7k9nI4+Kb+jxvhqbt+raWt6je4/vZGv9Msv+lQeKXeKrG"
    "roIahGcuRwrCmqSg4LW+CdNW04+nQLx8/0q8kf6ngyvMLPwWyf26r8uzzVwzdKr+N24u1y"
    "DXDERFOuldFQUyYqRDl6aqopNypGMaMRYhLeWMN4DC8QnmfyFOMrvhpUW05r47tuAXvlP8"
    "Gfb85KVsrviA7D6as3Z79kl4sa9ZzhLrRw0oXiLBaB64Klbvj0ermC37lvrgGbY+VAc8tl"
    "GcG+ji+6s3gq87ISZGvKrTzThrd3aPq15/3TwgiDxEY9Z7h1m2t99S5HmGQS6Q9F+yShn9"
    "KfE1XG6HQ8f+XiO6bjtD8H6JmMwHd02/mmG0sSJ3Fz3JQhNNwAHZfNEtnkTQBq8cFoy+kK"
    "JbPL6N15hWX07rxwGaGu7DLywXfG+ilGbjy+f7g9PTmrgl00rBC/YWcWwwsH8hpv48B3hJ"
    "u2zhKv7u+VKza6mcA53AeBuXyNpugXowq3hJDzkDwFv+mPH0h+fXxmylBZpNHovnZcYK7s"
    "38CWkqdyqI1E9xE14XGiOW1NF6NrfEuUAPbnBvEBsQD8kDMMZyMotAww/h+MxfM3w13qGU"
    "KgHufMybUkY+mu9dk632LYxgqjCb0PevpYifJ9Y/G0BvgNaBUr7S1XsrLj2lSz/oKs0fAD"
    "fH/wfWNC9CKxA44ie8IrffFk2Oi1ce+T4SGC+dFTRoP/5tLbihlL85xkt/I2+O/HwF4gpE"
    "r4TujP+f8MOsdayvQzONIJ3AI+Xrxt5sC6rKHV3D7P3r6tsHvCUYWbJ+7L7p0egK/GJfyl"
    "EG3heK82iZalv0fTAjr+wYHiDJD4kqt9yUvT21jGlhvZebj+yd0tMg5Pd8EjcNlS4C4ekg"
    "Pu4Yd+fvLxXQXUo2GFuA87c9862jwtZ2Ggx9NfYtFkz9RlUgxCG6A+mkyn8uxuol7J6kjW"
    "U8vfhbRrxNyWP2vyVB2O9Zk2mQ5v5Asp31LHBnd+UonYJaTOEzpwLZ51FQ3vIQs7Of9QhY"
    "fBYcVMDHdm8Wt6OmQ/7naD0EIh+tJxLGDYBfJ9DjSH9AcI29aiSVr2K9RfTibjjE3zUsl5"
    "X9T720t5+uoU0wAOMv2MUybFO1bUQp5jQuXX2Ho09gv9YWzg3f6xI/joQw/Z2en5+/MPb9"
    "6dJ46xpKXMH1aA5lAfptBbbsHPQjZgwN+N6X2K/X0y3y9cYDDZVzmFCTDhn+k0gVMrVh0J"
    "L4XutFSnqIqmDMfKn8gRSvyY2/d3yIur300nI3k2U9SbC4lqSvzblNcbeY5jD/Lcjl2zsT"
    "dW/nynTFFDdNENz2tkrOT1HOXA+icFtuVAyhmHORkpDS34aaf5KZRtwAJiHpIMLJ69YM2z"
    "yJjA/VtqzTO1OsgWOObcOJ6Ms7fvuPaMBKJ/+G3emu+Z/2JY2spiN2OIHmmne4nfTHH+zT"
    "U2G8hvn8GWhXrbcLds1OcA8/aZrQ+846NBGTrHk8vMFgw/5EtFHU6/vLodfv4lsw+PJ+pN"
    "PJ7cXi+/aPIwRwCIP05fbArRElPpk4dw8RTYzzqbsxSylSxQj5hLY6avXHAHh2E3Bynsuj"
    "vsulScWHHgUmHMnmXazwwLx2U0y/VvU2Bhiy+DIswQsmyg0nEqW1Qw2Y82A79G8JMPY7So"
    "qK+469eykK8FMWhXvNdAewJSBCAZ9lKClAPuV0xheL0yPR+40qvfptNfXudNMrywLzioY+"
    "NJDQtuZvBDMv2tbgfrB75wmbI5mjHIHfZMT9ZAc1rFPHNabJw5/WVHdBhYGyaXSzQB6J9+"
    "8+asir8ZjirRICmP89p5MC2uYI4Uon8oroThEgTT+A25Fbe3mQQTEgmHp9kyPB/tpI+mu+"
    "a37dLQe3GFdkWlPArTLof82a78lDnCwBSj8occyqQpamyjQfR/EXG8UDJZbxyo7yy22Fjy"
    "NxVh74KFuTGzcfKIesGDZXpPabh9Ghqc72HCiEh7EWnfQRuPCLQ/QjNaiC3u6O8cWJdDJL"
    "r0Na+B58FtUOf/qmnIHmoNIuC+ZwH3GQGo+kZJAPUQ2c0zccuwVwHkDjxYJmF6iOQqMQLF"
    "IQJUhEDMfn3T57Ty5AH7iOtWt8pgvTZchg+7wl6ZgorNkgvpD86SgXENfC/wq+bhevGRlx"
    "l45M9axrYTY5UdMhAPJ6gwQlEE+c0SvraHYuRiZT82jPGY3opnESa4rpngSOpH1OK3tWYA"
    "BY27TONlAHREiVoLmwIWtO4yrQ3LggDeFrLidZSmRjcefZbWX0730onEN9Dlb8D0YidYeO"
    "zSBmBZ58BswSTCocnh0IzRiMNJDEYsRCUiENAC+zzYX9mOC3Qi5oiXAMwJBA04aLBxnQ1w"
    "/a0OxUWGQe4fs4laIGHmAfO7jrnwpf+T4t42sE/4DR8C0/JN23uNbnsI1yFCVLnyl9fzcl"
    "sLmiCv/EHVGrgo3i0xNTPiOotJVADeDUKh+/WGUC7YWFvdwc/JRSIKUBCnceLkQzIo8pRF"
    "Q1CgLwiNOB6hemcghMiY8DPpK4a7eDL54yxzkEIu45DLfvI8FaiiwBf9ejLVowQUYfGETF"
    "NRnory6gtT+W6shAUC8EVRPYaGaywwqjvQtQronBp8tRkGlT7gtg9Omyg0wqjBLGIowShq"
    "mDDYEdkVjUiCQfMrzmnsLafok4UU0k+npR/PcX19GXA7Zkg4QeJOkxj50DauswCex81CKV"
    "jBQzl4aHQyXN8ELjNXVCnqaWCB+zZOl0c1/kyW7ZHnTDlZUfA4uR19hjzj201OyYsT+PzY"
    "ixK/PZme77AC++rjboZnlm3f7e2nZzu++WhGeccdF0WnvwyDKjHhxI3OFhyldXPfeR8KVu"
    "3OE4xViwHlcn1w1gYaTGyU74Gc4j88KfCA5DxKDuxL5/svybCJnxI+Mu1J8NW3uRk8Oq1E"
    "e7dhHr9kHPBM8ZI/gcl1UFKUkkV9+yglC6V6kx0CUEgAEqRW2qauMfum8zYRIgnfKWAKUB"
    "TxE3US94FiSkMRdRL3WieRzT0aQHYvNZg8oim22aVilMVa0U7hNKdCVZZOUzdky1UrmV84"
    "cXdcY5kvRYaQ/PYl+QlXt3B1H6mrWxSXEMUluimr9MIzF+7bHAsrAejfkmohWbZQYYUK2w"
    "00N6nCHka7uoIPsjKi16fUKaK3VH9aZsc1nKWwLH2y464M2/xXdJowaSbz073IkP6z6FIv"
    "tN0Wa0nHkT+bZifHn0A7pUHBIqmK/gLw/mH+YwXEfyzE+0dGmucO59Y8oEzYWLofjsCgNj"
    "dRMuyAtY1m+ks3Ujs/suGt1ImDIpAyaQMcZwYVG/jJeYyUv6mNihiOQgfjlL54uqzZUiT0"
    "3YdDr3i/JShVxyxJgHeZ8Qzk26EyvpDwv7k9u51dSPBPHetalZryxQXlqWry8WriYPgESP"
    "/0/1YKVBwoFWenEd28oSVBGHdGZRqyf/huJ8Hv0fmUBqr8B+cOiUAuJPgHMm5ZvcLVvKML"
    "2HI/Gsky9qAkl3N7CK/uNOxWia7m9pU8Vn6XceXu5JJ2z4T/U2eQnvp0CrsYUOh1lCt4pV"
    "wrTNjsgGQGBZJ7rFzpeKNCrrHboZZAszopSMK3VdSTwFxO7tUR8XjR76T/XiWQRrcl4zRt"
    "nPTD6zrb6nkVtn9ezPXPKaYfuUFcYHiscLudbqsUsH/MqC3H1cZC4uASZ2qvleiPOYFwX3"
    "XafRVpeJyUTqEEeTtNXg/JZXXWcgZQJGvsMo3jHNZ8lscsVO/qNrcisa8gLr4Z23olOZjA"
    "Au9V8G74PlhvfIauVOiyI0H2d+7ipC0cN3zoYmEZkG0va+z8WUixMXR5Y8C00n3nGTBUqJ"
    "KwmSxYq8nk9smomjlUI8L7fqo1RHq9qi4gEkaEm5WHmyVOyhdGmdU5Dd5RBO8MNCO/L974"
    "Mkqo0i1nReO/7kH8YThpj5Df6ll8Fup2xBQQGK4WWqAbBESbR5zE0aVOHl2KyF9L2s/DCm"
    "Gl08IKnArhhiJyNY9iCt3paBDhUBQORX6HIryV7bGjSEozuGXgRPI2jsR5S+AbZkFsWoFX"
    "KYEQTtuqTtuMpMenpjJAhbZarq3mQ3YbVFqPF8U79VXGh9alY1G06WCHCpbYFyoqYImNo+"
    "kIb1ygIjxMSlYBYZyDIuO7o1ywUS0+EcN94BjulIZV90kCpMuSemdiW3NrgwPTNGT/JJN2"
    "YluBjTJ81vOUM4H7h/jzk4/vKqk5H/M2BVLRQZ2M2hZr9IoMrrK7vkUKKdQdDnVnDe+n1/"
    "EWUYDC4ZozasV14WsHphZMIayZHbdmRgdLOKsVklD7L1V4GOK2VDHyYGeaO71xtyIx/dRn"
    "Oed2aMW+m8rX8hQbmHMNeCzZn/kZww/VKx3PmflZxwJ9WkU0Oy0WzE4psQx50ixIgLoUJu"
    "H3eORrdD/TJrc6ZOez4Y3MqVvnoC+k7O+5fSOr8lQZRYn50nHs9jqEbD6hnmXYq8BYcak0"
    "JMweiWc/tGUMyXHEKvywmBvmMQygTGzpXvDwv2DBdeyXAuzf5vP2tAqy4ahCdOM+FsIfnC"
    "WjqokGvhfEaWSh+oDqMvFZ/qyVS1iJ9DyeqDfx8LzYxcJ7XCUKo67m7sCeaY+s5m48VFTe"
    "7QEDXUj439z+pN1C0QD9rcPoG87tECL00XXWeo00D2zoPiyRPWR88NYeNy8iYfqA5n1zIo"
    "S/0O5aI2kYE7gPVGhblIS3W+LyMDrE3sYx+ZKcsKH7h/ezk/MqzB0NK5YxcWcR9h8htw5c"
    "VvXAwiBVNrA4akbVfl7Zjgt0iB/gfi0InCh3SjAnEL4JDt9E4OE6FxbAAqKx8HXTfnTcdR"
    "1y7JxLUIaDMs5X4LrmEn3eK9PzgQuWDdCIY1ZBLQ5qIRkHPgV2IOkbxzIXDBm1Yvom9lR7"
    "VNiuhl+Ql4ZXZYvALqToYm4P1agluuiA8naEqbWm8o0y01AgNS9FUkhUuiS+ntt308lIns"
    "1whHx6nbTjMi3xJSq7cns3lrWw7Ep0GYbY66OJeqVoykTFj3Era2HEPd0OZxmqI3mMY+iT"
    "y25YbUVGqQNklMpEGlI435FNKg8s3PWddteLnBI/A5XTbJ+W4zwHG5rWFUIzCNj9B2gQQc"
    "MPgWn5pu29Rrc9RNxwK2EbODyYPzUFASY4bafXYLQz8pM4Ayj4bJdp3KnCV8dD52Oue9VN"
    "LO+n7BX7iB1Dg6+bmOR4t6z9ZiSZEPV/BoxzcJn+X8uOwDn5kQfJPdLlckiHTU7SfDWkss"
    "JgfDUFXlRJoGvreA/BwxvDRWrVCz/28ll6l6q0gW+ekicOc4KZZMqZXFFR6NEOPs4Cqcza"
    "9WyuKQJ8F78faE8AquCeaUMIiZxGiqaRYv/VheTYQHKdb9IGuHHv67xhuZEJC0ppMZdEBJ"
    "eE2xVV1+I6Yv2zpMVqrQpll7f8nvE/RjGsF0Wx5ufo8v4vypIdjczVWJRqR/b7O+B6bPUs"
    "6indvTfpmIOoZMdRJbhDyllTRYKFfrZP/awjvGIancZlcYukr5RfuOSog3CMLhVX7hBfaN"
    "CUUCJNf4P4ealloXQSIVlniUJJ1nB/s4AenuWsinESRnDpala0CGdc0WEkTP8Cw1pEM6sm"
    "yS40MwuSCDSz0Wx6yHX0GArIBiOxxK5UUHloESrOESruAnQQF210S2PLc66IBqx1pqhr33"
    "sDNr+uCNSOxRamUXu5IB2PaDgNaJkyXCBzoUeBH90SCFv1QW3Vx2EL6ZJs3ZQxRPgLDqzV"
    "pCyIA9kZoB7qNc2knerITnnvAbeiO7poaOl+Gngo4UBt9/MwdQsbUmgUl9IDk9Kj42Z8yH"
    "DUgxP42HFMrnnaDd3kxI1s+GKPF3v8Me00Yo/vyR6P0yDxIDoB6J+Rp5VUSWvnwbS4JKgU"
    "on8oroThEgR3ysk/BK65eGIJS1FPqWxkpGM6U/NRSBIvlCS+QlmSmQ2keLkTID1Ul1oxnK"
    "NFxYHhaHgPsXt6UoWfwlElSQGoHStKUUljuPjcMAEi8rlzHgw+6Gb24/8BvkDr+A=="
)
