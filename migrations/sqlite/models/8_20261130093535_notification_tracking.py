from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "notification_status_change" (
    "sequence" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "creator" VARCHAR(64) NOT NULL,
    "order_id" CHAR(36) NOT NULL,
    "notification_id" CHAR(36),
    "senders_reference" VARCHAR(4096),
    "channel" VARCHAR(8) /* EMAIL: EMAIL\nSMS: SMS */,
    "status" VARCHAR(40) NOT NULL,
    "status_reason" VARCHAR(1024),
    "changed" TIMESTAMP NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_notificatio_changed_70fadf" ON "notification_status_change" ("changed");
        ALTER TABLE "notification" ADD "claimed_by" VARCHAR(64);
        ALTER TABLE "notification_order" ADD "claimed_by" VARCHAR(64);
        CREATE INDEX "idx_notificatio_creator_805c4b" ON "notification_order" ("creator", "status", "created", "id");
        CREATE INDEX "idx_notificatio_corresp_9f037c" ON "notification_order" ("correspondence_id", "is_reminder");
        CREATE INDEX "idx_notificatio_creator_4bcb71" ON "notification_order" ("creator", "created", "id");
        -- Hand-written, as PostgreSQL's hash index (which SQLite lacks): the order search by sendersReference.
        CREATE INDEX "idx_notification_order_senders_reference" ON "notification_order" ("creator", "senders_reference");
-- Hand-written from here. SQLite has one writer at a time, so the sequence is commit order and the feed reads it.
CREATE INDEX "idx_notification_status_change_feed" ON "notification_status_change" ("creator", "sequence");
CREATE TRIGGER "notification_status_change_on_insert" AFTER INSERT ON "notification"
    WHEN NEW."status" NOT IN ('NEW', 'SENDING')
BEGIN
    INSERT INTO "notification_status_change"
        ("creator", "order_id", "notification_id", "senders_reference", "channel", "status", "status_reason", "changed")
    SELECT o."creator", o."id", NEW."id", o."senders_reference", NEW."channel", NEW."status", NEW."status_reason",
        NEW."status_changed"
    FROM "notification_order" o WHERE o."id" = NEW."order_id";
END;
CREATE TRIGGER "notification_status_change_on_update" AFTER UPDATE OF "status" ON "notification"
    WHEN NEW."status" IS NOT OLD."status" AND NEW."status" NOT IN ('NEW', 'SENDING')
BEGIN
    INSERT INTO "notification_status_change"
        ("creator", "order_id", "notification_id", "senders_reference", "channel", "status", "status_reason", "changed")
    SELECT o."creator", o."id", NEW."id", o."senders_reference", NEW."channel", NEW."status", NEW."status_reason",
        NEW."status_changed"
    FROM "notification_order" o WHERE o."id" = NEW."order_id";
END;
CREATE TRIGGER "notification_status_change_on_order" AFTER UPDATE OF "status" ON "notification_order"
    WHEN NEW."status" IS NOT OLD."status" AND NEW."status" IN ('COMPLETED', 'SEND_CONDITION_NOT_MET', 'CANCELLED')
BEGIN
    INSERT INTO "notification_status_change" ("creator", "order_id", "senders_reference", "status", "status_reason", "changed")
    VALUES (NEW."creator", NEW."id", NEW."senders_reference", NEW."status", NEW."status_reason",
        strftime('%Y-%m-%d %H:%M:%f+00:00', 'now'));
END;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TRIGGER IF EXISTS "notification_status_change_on_order";
        DROP TRIGGER IF EXISTS "notification_status_change_on_update";
        DROP TRIGGER IF EXISTS "notification_status_change_on_insert";
        DROP INDEX IF EXISTS "idx_notification_order_senders_reference";
        DROP INDEX IF EXISTS "idx_notificatio_creator_4bcb71";
        DROP INDEX IF EXISTS "idx_notificatio_corresp_9f037c";
        DROP INDEX IF EXISTS "idx_notificatio_creator_805c4b";
        ALTER TABLE "notification" DROP COLUMN "claimed_by";
        ALTER TABLE "notification_order" DROP COLUMN "claimed_by";
        DROP TABLE IF EXISTS "notification_status_change";"""


MODELS_STATE = (
    "eJztXWtz2rrW/isevux2JruTpE0vOe+8M4Q4LWcnkAHSyy57XAMKeMfIHF+acs7pfz+SfJ"
    "Nt2VjEBuHqS2IkLdl+liUtrZv+01paM2A6LzoWdPWp2zpX/tOC+hKgi3TVkdLSV6u4Ahe4"
    "+sQkbadUo4nj2n5f97rpAFQ0A87UNlauYUHceLQASkCg6HCm2MAB9ncdV6PrueG4wFae/T"
    "EYPH+BO5xZU9SjAedb0HrQ+JcHNNeaA3cBbNTD179QsQFn4Adwwp+rB+3eAOYs8fqQdKqb"
    "mjED0DXctQa95QT1gQhIa81dr0jLzkK3rwg9ftqJNrVMbwk39bFauwsLRp2gV8SlcwCBrb"
    "tgRsEHPdMMgA6L/PdCBa7tgeiFZnHBDNzrnomZgKn954rLWprW64+0oTrStFaGQSEFhXtQ"
    "hJDHzDWg6xCslvoPzQRw7i7Qz5OTn/59YnT8VviGH9uDzof24NnJyXN8Qwt9If6X0wtqTk"
    "nVT9KF7up+J4RDMUvAUjdMHvwjgq3ADqCMsA6bxGDHH/jO0X55elwCbtQqF29ShwGnh/zE"
    "QM04EI4pmgdxKYQLAM7i689WYJZF+MKyTKBDNsg0WQrmCaLbZt4oA3RUUgPSBche9PvXuO"
    "el4/zLJAXdUQriu5sLFc0lBHnUyHBJcbc3SuFt6o6LcIT3hr1koX6JEHONJWDDnqVOgT8L"
    "yF+EF4f3xRfwYdS9UYej9s1tghmX7ZGKa05J6TpV+ux1ajREnSifuqMPCv6p/NnvqQRNy3"
    "HnNrlj3G70Zws/k+65lgatR02f0ZiExWHRT7x83z9QqwUumOjTh0fdnmmZGuvUymubrVqe"
    "LtMlOtTnhEkYTfycgZB0CUww1wPwMyIUVVsoRc2S7TYJUvlMZog9XwuFEcue69D4N2lBFS"
    "PmWJ49BYik9VdZwclgDLQudNljzGCNK/RxpkdSMGzEFYXm+BF+Pz159ebV25evX71FTchj"
    "RiVvCoZaOHPliz6HIY1mJ7PDF0djHuQMkrLw55A3D/l3JYB/l4v7O4bQFE1CHHCnyOqCeZ"
    "/y6dlZGQH17CxfQsV1P0VZRPvUAGEto4n6woXUSresdCktuxCKPF8IpDeoZLooWjmXXDva"
    "sL2cMPInDHp6Xuk2kia0J37sxb3UpFs46G9ewEm7Z7nGvTEl1+3ZDK3AzqZ5nEVSempHO8"
    "GYGu8UI/JSOuiJ5xgQUSh0N0rQTaRNPlcsCBTbelRWwA5r2Yrpp3bI3LblDImAzh8T8W+5"
    "TdvrNk3kJb9h8x+9BqUHQxZvFaFJMO+ip9LhFGSwT/ch8vrfUm/a3etzhfwbw+HN8FxBf9"
    "KTUhlOvC3Bibe5nHibwwmej54iERnzfdtpBFnvb4HtsLdnQU3h6r2K2+xlS3YYajSBNmf1"
    "G3Xl/qyxCp1BoIJjzRZRXeF8YdOt9jJjiKR9FGheqFCVUCBNPyJ8nqpZKOxEStZJpmQka7"
    "S+mUCDEx7EaRo5S5fTogWYwS1whjVqyJoJM9gCZiBhLg+z4fh+M0RA1hkue4XuTgxq6fXE"
    "4fVkAxcjh/Ca6WvGVjxXy5cl3KzxO4DvvQKdnygCtWWyhWnL3CRIhy0EcCpCj4I+uhmQum"
    "rpUnRQsrV0KWrIriaegjjAThA1cF9z8rrM15128KW+7tcCqZ7uHGCXNEfnNS1cTz1E9ATz"
    "czs2C+uKrxSP7MNgptxbdsKGjFpNLM8lhmN6zGfN0FV2XMmCL9d4ucYf0koj1/iGrPEyWF"
    "AGCx5csKAg0lN76hrf0UzPEpeiukL5SKdb7cVwx5InLoz5ryJSvDs9ffnyzenxy9dvz169"
    "eXP29jiSLbJVRULGRfc9ljMSn+1mweMpnlgH4YF1e3dx3R1+UC/PlehyDINL7ardvaaqgt"
    "9jeKWOOoQmuBjDgdpGP/HfMez0e1fdwQ2ujy7HEM8Q3Y+4MLwaw7teXBpf4/sP3quX2sUX"
    "baB2urddtTfCD5EppFu2r0fdXo9u5pegO49G7c6HG9R+qF32P/Wu++1L8hzM8jHsqR/Vge"
    "a/UXwdllNvlypALfqj7lW30x51+z0EOX7qTFGqVQgxoxDh3B98ag/Iw0aXCF/0OCOCrn+B"
    "0R+qA4JieJXeUZVbXkutrgWLa0ZmnE49G23YNN3NjqLiqOUUaQUhy6KpLQrAPoiY5YS/5N"
    "S1uLYDEUHzRKjXr0oMo9evcocRrkqZe8EPxvgpMPUG7ZuH7cnxaRl0cbP8rS2pTCI8tdBc"
    "46ws9I4wx0nq7q57yYabSZzC3vOM2QvcRbMmKn9J8Gceek4hb8rYB+QhnoX7yrKBMYd/gH"
    "VGykpBGyV4Snd4mDDHpfFgtPXHaGvA/tywsRuYwLeld9rDDhJlWj/3s+1KcYKZjCvNq6Kc"
    "XJm2FRt/HYD6JlOjMQPLleWiG621B7DOaH2/tmwwNVYG8PdT6JN0Pd/BwJuYhrPAwgoiob"
    "vM1DBpuLZ/+TNR9VPP5j1g6//uPTglIWLkTvjPq/9vCTcXFW3zRPKOFUmXWYtXVTw2yuJM"
    "jabGQVy9tOijpfEGJKTIRNZaiPQ1L4HjoGVQ4/+qs5TNk9drnEAczQb3wGZLj5s+8xRxAz"
    "/2V8fvyjhC4Ga52PuVaa9MSgAqv1BSRA0Eu/pJ3NTh3EOzAw/KNE0DQS6jncxXTmZ0k+H0"
    "S/zit5m3I8ImYl3rUuktl7q93mqtjEnlYskF+sSaMRAfgR85dsQ0XSM+8iKVu/p5lNC2h6"
    "g+u2l/fp7QuF/3e+/D5hQXOtf9ixT4GDxt4S4ZDhz5yCeImvCV7xp1G6DXdhA6WqhiCS1E"
    "PAao/F5k+lyRTVEBt/jzJCcIJY9F5vHMAxrmxFYDO0MseS0yr3XTRATOGk3Fy8DGoen3Lk"
    "vXUsz3wo7kNyDyNxCG0trLwH8YgBn38QP5nciwXI6wXBkUvVf059CygUadF8TLAGYHkgcc"
    "PPAXknvLxqZy/Dh8HGCRS/w58F/Z1grY7lpD4jpDDf3PYb+XI+GnCdOrvjF1lf8qYW0d6F"
    "PW8olnmK4BnRf4tvswmGOgijff6X12amnHHaQ33+AHkqhwmFVkYGGkbshnUQ65GIzC92sM"
    "o2ywMteaRZ6Ti0UZQsmcypmTdkTKsKfIByhD+gSHoMPZ1Gx0/6F8D21A3jiDavEGkiKT7u"
    "ii7xd1e7ow+M+oS1FKuYxDLotdG7cJl6IcIwU2NaHX7o667evunzjahvrhh0B90a76Ay0I"
    "l/LjoRJFUWhVKuCqOKBqoN5ed/3oHnKRF2JVcdgUI2ArG2iEnj2IYAqDlnjDrVhBTq1Sn3"
    "Xd4UsGdhPSt5hCQio5fWyhWGKfcVlStSenbf7tdOyHzikQJSmlTCS0TORYtqvNPG5zGU0n"
    "WSw0i7Flc2VbU+A43FNohlbOoRxzKLopzjmqrTx7zg19llhivwF7jgQjiSBlnMzDYGkkLw"
    "Laqz8GwMwzizBShxzmbJeJMWTs47SF4bgWy02TB6tkpN+Q9KxC124seLFd54lf2VXCQNRE"
    "qHTX1aeLJZ76TAM+PBGv5JfWjvpuKnqJrI2WjYNangYgnTyybwchSQepHs4Ct7twZ3qK2x"
    "j5nJoPywZBa7GurNakVF/ZsebU3UkWD77oZZm8CtftInmV1MdKfWyj9LGBYMqbDidF1oSQ"
    "it1kxQmAmy50yNzVblAcZail+kho9ZFM4lVnRK9MMSVTTAkC8+GnmKKUI4xNVlJ1UnpXlX"
    "TJLXH6gYLtvMD+zVFiUsW6V3QFweQCW3EtciQB+B3n5I5ONHiGFb64a2XsHR/rb05ePkds"
    "WABl5tn40ZRHy37A/eBcFbhLw2WckLDDm4/hGH6yDdQrVB4Nd0HaR7IhepApQKgoBiQV0X"
    "Oh20BHJ256/0CP9bc1IZ06qEuFBN4oU2u5NNwjZWrqxhLfjNBbj2Nsy3VQhQ5npCzJKcV5"
    "BGCFbvQ7gGhcecBBDdeooY46tvGrIG45FoYCTRjkxpaNfs3Qk5H3Q7dGH4O+dnDnYxhChG"
    "4GwXdUicgAfswXygAgxMEsfu3EsRO/Kfhztu7v8w+ayE5CJEF7TnqxeNOF7TEyM9jeM4Pt"
    "WCYSbcGoWyjyxwJ15kxZmDOEDYS7luMO4tmHG222N7FEOgfpeFnm1lgwSJu3xTo9LnfWRN"
    "FhExnQD0/n2bpVe5fd3nvOdTEkO1eCizEchiVDqmREfo7SasFtFHrVnKzGUDAhidFhBTJu"
    "VOnFhM0bHnUp9XQkxi9XLs+BujTJVkfpbjUwjuuCuZLDypJeV/y+kzGV1IoKrRUle9Otjr"
    "BIUsoME0JzWYaENZvBDnYz4h/DFJkcwCLzV5pXpHlFEJgP37zShRPrR8fyoEvU2BkDS6L+"
    "qMjEYuCWCJG46UazygfrUVlifb5vx3CwMQIbMsLTFpRnWFFPZxEy3PVzRYcKuZniLKxH50"
    "jxIDZEEKW+/qgbLjYv0PmfzjMmlV3deAx9kwbChNzjGyEf+qltv7EsNEfEqIINLLpyDx6x"
    "icRR0N18Y4VuzwGxTWAtHeqJ2Gv+ACtXmawVrNme6A5qYBvzOXkrqHxLfoHonktjbpOnC5"
    "4mZNm358SSgm+0VlY6MYLorhLmSnSOxuRt0WsHr+hgUwuJZHBiU9QznGzImKLm2Bjj4NfB"
    "EQ/odkfKxDMfFG+FV1HnubK0vgNHofBB72xgmB7RO1EGpRfKCLXRpzheRbE9Eyh/e7O5T+"
    "oAH6DJmnTkoG8XXdgA94lnfGKACpongcA0+aacRBbz1Nkf6bxWTzovXLpI4rpduEjKbPY7"
    "MfOIfb7OPnXgdaT8PuQMffsRgiuMBHQtlwV57nwetZeK1TSUviDFgWVMIMHMJC0MRNFEDl"
    "QeG0AevYSaMyC1zo0bFfbG2LYlg+IKTr1Ptqs3xCi2uYIfKwMt+YyjElOu5KR2oZOFyk2e"
    "xSj9pfbrLyUlPXmUYnOOUrw3TMB9kGKCSH7J5b7kmeGsTH3NDXaarnl+IPIIxX0hX9cRim"
    "TxNK0gdJ8gxkR/s78auyeRWdHyo1m1Tn8wUIe3/d6l2uuoWhyLeq5sajGG6ueROui1r7Xh"
    "qD9ov1fPlXRJWrdfjt2lmF3A6jSjPZuhCcgfV0HzBk5hx6/elnL1fPW2wNcTV2YUXWj6sd"
    "crpufGJi1XglRmXOLQcZGNmj/nGFCb6WseZ0I28VZaBNE++opVNtR+OANvsddKknInjiu7"
    "FPsb5bciHc+azeDDi0jYQqrLz8Jyd4vzimi3g35HHQ5JeEKmKC8Li58DJcyFks1son6+7Q"
    "5wQXCxjdQns5QcekCDzFLyS82nSLYBU3ws73QBpg+Ot+QZZEzi5g216ie1bcCWGHMuHAv9"
    "9Ow115oRUTQP3+q1+Y7xb4amrcjZLqRo0O50Jw53MeaPtr5aofmWGXB+YUDdXrOhTxGm9T"
    "Nr18/ifFg8KIIzOBksWoLRh3zR7bUHX6JzxKJ1+Lrfe3/BOEns4stIbacYgPDjtMXGFDVN"
    "Kk2yEE4XHnzQ2DNL7rSSJGrQ5FKZ6ivl3MGh2E1RSr1uHZn0UwEsMnt3mSigHSahLnYDK8"
    "K6dLI0Th+xVh+ms3j95iieA8Igm7i/f+CImvingmNHgONH5qTCNbJp0eq7TcnsXhQuMgZE"
    "IJE032UNSVAGpzMsTbI7/9cDWr+pox34/C4zhDIKV+aRlYHOYsJcZaAze/aoAOxGypJpoD"
    "PTpkjR5PTBMix5NFFfKIPCdMtKQxO+tqzw2BtsDoKAbBXDHJNFyVqp5mHeVhyiQLpLHpoi"
    "4xP2G59AcWobczxFLrQ9Xr1pd6/PFfJvDIc3w3MF/UnvlsqozMo47uV77WVc9rZI9frUJK"
    "+iqcrqzzy6p6h2oYGuI6g9AIw7aCFL2Ty86wlbODhfqlZP/cS5QmKScwX9YWZ0vet0VJUc"
    "zhRdjmEbXd2OyKFOwdUYXqrX3Y8qcY+KLrMuVP7/+CgqLT5RKreKQYVfp3uJrrpXXSZtsk"
    "HUQxex+7p7qZGFCh/MddMeRdSsygwldbJWXk1Ec9G/63Woxwt+R/V3PQq0bFnUbjS6jurR"
    "9TbLavXBBjKX7u5dz1YmFgdnGo6I0kLfMB7vM2YH0gFNaAc0me+30ewlGT+3GcsJQpksVG"
    "QeL9F+Up/zJilIUjXOOaYWiX2OsHjU19sFGjOJJe5lcJdZ/iu2aMo08L/CwkB4pbnWA2Bs"
    "oQrMqkmyJ6jlxZqoKrJYBwNgwnXmVJKqeXvSGvzbZSDUrzRX0dbFshMVTSPdPordPiJj8B"
    "MdEGjzdj/s8zAB3uiHQH9fvC4IGeFVM615Fn8er2Ia+rbfaYPAr9WhmAXdBt8NCuFyLhya"
    "TlHUmWVSet4K6XkbsH+rXVWaVgorQgsrqCuMDVP+32y5jamF9rqRhltpuOU33JJTTdjeOo"
    "WRbgk6GefGkb9sBlzd4ErNF1M0TxFRl3E8IenxbVMZpHK3WrxbTbtGV7hpPVyIN+5XGR+a"
    "qJ7zvupgwxYs0i+U3IBFOo6qPelJfjqLdG3MkKBuuQBOSV6BIj/6lW3hA700/R6fFkd86K"
    "mOqJx3xixTS3njM9qxAlEM7PS0NEhCdOmXv2e//JiRpQ0EMYnIuwJhzAOpcciBdJayeVJQ"
    "k9OsCw18XVnW6dk9g/qm3NA0pdxacWytluh+2jaWqQyhNKKnFGjoXRz3Kc7GOV1Izangmt"
    "MgWIjhy/XPYb+3IcSI5c41M6au8l/FNJwDNoexmIvxSPA1XCKiHGrUlNZhZFDDHVyIc3ip"
    "0At3LRLTLx2fO4a+xvx2oF6pAz+zdbKAtKXrEz9D+nbvUiN9Jn5uo+0+KSOaneQLZicZsQ"
    "xb7UzEgG05TNPvMIyvczcc9W80NJ0Pw+NlONidpD5Xkr/H8L3aUwfdjhYcfRO1Y5dvw8jq"
    "s9WaOpx7+pxrS0PT7JB5cFKXMiQ1I5aZD/NnwzTCAMnEpuZ4k7/BlCuUO0PYvMXn7KQM2K"
    "hVLtykjgX4xJoxHFVH4EfegTYJqiZAXSQ+q59HxRJWIktt2DwtdrFwD7J2+tBtuTqwe9rh"
    "VHN73e72eJcHQnSukH9j+GF0g0QD/Hebib7ifB0+oPe2tdS2SN3Bpm7CENlBFg9n6XDPRT"
    "RNE2De9UyE8fP1rhqaayacZ+uyiJvAhdoPl7DgjOTT1BB6K8vgS1zDpm4e7nWdohjjd49m"
    "a88GPEGDbGIZPpjWixtzaNlAQ/gA+3uOk0axUYLZgbRNcNgmPAdoSG40AREQ9amrGfDesp"
    "fbsGNjX5IzHJyxvgPbNmb4854bjgtsfELTk3nE0avkFge3sIyDnoIYkLSVZRrTnMDOEim5"
    "2F3tcMN22f6CrTS8W7aA7FwJLsaw3QtKggsBNm8HmC5toL7vDkdqeJgjB0diynMlvh5D+u"
    "TJxJGT/jU5XzK8HMNO/+b2WiUe+dGl786vdfq9y+6o2++Rx7hRR753f7Yc9dLuddRr4q8f"
    "XYqhtZVZwvaQJSzh1ZjBfEOGsDSxNNcLba6XeUJ+JS7LlBa7yrFrWtaDt8qiXcIFhqLdvS"
    "MM5Zw98QzTNaDzAt92H/7ZtbjHyAPsGz7XBRIIP4sThHI9E5nHQh0qdDh8PuQzhcREucoj"
    "hcqkmqGj4Z54hGVDQyZ3lmVmSDQMHZJ/rLUhzjHR9qh0uGMixxmh20vWGQc74jOHfeFh5B"
    "SVzEBTTQYaGXZY+xZOpqmrOBJImLwKYkoQT0RXhmzuL2Rzz8Efu8Fc3LPZisyFRUahhi6F"
    "8oieXaJdl/Fty2zIO0+DLEhE8kForjJ6lf1k5/kEJgvLeijIjppqcVS0UX3028qcqL/2jj"
    "TP7TwX/lxX8xq9buvnQmWOt2jptLcwT1Fk0jwl3AKQPI7N9vezSx6/9RSVHDqMoePr2X1H"
    "Z+bGIBddBuVWCIsmsVYMMLBtPt1jRCDl/7LyP5KzjO/AZqc8y9eUpcikErLYnBnCVYEhM5"
    "CZL6keDxPhjabM1DcmUuLRNBPy9zY0nzZvbujvpOqUo443iagDSMF37P61IekoBD/ccNeF"
    "nS//wglDGZ0VUHDtpWTy0KqTh0ZszmBdtG+lqZok/+1kA0sl9MlN18CGffdJGXYmw9QRGS"
    "2QX5Zo4Fdj8Fvpa9PSGcDmZ1mgSBrxFe88y8LhxaXd+ue4cK6LIdm5chueA1PmdJdtbIHV"
    "Z2qTRwhLfcpOBBapTzkgfYoM92i6Pt3fom8VwpimlUEfInM6rcbgZDaDXPJbZH4zdFplt5"
    "IMUrmRLFaJ05BVpxYfpno9TKQ3qsYZ35sAx0ln3XkaAn+tMT4Balc67HtFXlJBg6MydoR7"
    "HWqWV85JqvXBekRVtuIuAPoPf0eEykJ3FAe4rglmpBx1YHw33LWCPpJzBWAbhUIUxIq3Ul"
    "xL+YYGP8lz942QGq6jBMKOAZwX6Q37jm5ZsZPXr+Lh9cT9Zr4dImQYnx2CpmqM0mQHRgix"
    "vEATC3P+JJdevzdPdWk5olan0K8t6xF9a9oDKiOY41/Svrln+2aSJ9vozJM9iGy0aA2/DE"
    "fqzbni/8e51wYfux1V63/qqQOcco36KYai3B8kTM7khDeGBCIzYku9Y/UBpJ7NdVR30LyB"
    "0NaVAHql267Byvqcn1uJIhEjpRK+X2NSKlFHh3Ee+pakk6ypnDX+LTh4EhFIZlTOjAP0I2"
    "h3Rt2P3NmGfapzxf8/hpfdYfuCOAyEV2JIQkGcqgt+cJ3gkCKTxtiyxlgHTG3gag+A90Tv"
    "DGEDxaXqJdEANQfoJssCfmFA3V4XAh6TpjPOr11/mTgwyIs0N8EsHk35CNmLbq89+ML2Hb"
    "tgzPoXX0ZqW3og/Fp2SpLqWiOqcD5NaopQKlO38+jGJ/ngQxkcg5n+pniYZYilT4DIY80E"
    "ugM0D7oGQ8lSzOkUqeSz+Hzm1lSmyJonmVcjJHKYojKOdkzN2xZeCQ0MmKzVLaGNoJ8uWg"
    "xTXVBzVGSd0+M2wiRpkfb7J9rv0fBxmOb7/AmSImngFvr07KyMweHsLN/egOtScSUrxjEO"
    "+QgHzRuI7slxmQxzqFWBTiiTYy44+5pHRU2R7F5JvR/5rTJ19F6dUH7+D+VXGJE="
)
