#include "skillscore/signing.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <functional>

#include "process.h"

namespace skillscore {
namespace {

using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

PassportRecord SampleRecord() {
  PassportRecord record;
  record.number = "DE-2026-0412-0001";
  record.candidate = {"C1", "Иванов Иван", "Колледж №1"};
  record.exam = {"DE-2026-0412", "T-EXAM", "Тестовый экзамен", "exam", "2026-04-12", "ауд. 214"};
  record.result = {"7.71", "10", "77.08", 5, std::nullopt, std::nullopt};
  record.sections = {{"1", "Организация работы", "3.38", "4"}, {"2", "Качество", "4.33", "6"}};
  record.modules = {{"A", "Вёрстка", "5.71", "7"}, {"B", "Тестирование", "2", "3"}};
  record.rubric = {"T-EXAM", "1", std::string(64, 'a')};
  record.marks_sha256 = std::string(64, 'b');
  record.issued_at = "2026-04-20T10:15:00Z";
  record.issuer = "ГБПОУ Колледж №1";
  return record;
}

int ModeOf(const std::string& path) {
  struct stat status {};
  EXPECT_EQ(stat(path.c_str(), &status), 0);
  return static_cast<int>(status.st_mode & 0777);
}

class SigningTest : public ::testing::Test {
 protected:
  Verification Verify(const std::string& text, const RevocationList* revocations = nullptr) {
    return VerifyPassport(text, "passport.json", key_.Public(), revocations);
  }

  SecretKey key_ = GenerateKey("ГБПОУ Колледж №1");
  SignedPassport passport_ = SignPassport(SampleRecord(), key_);
  std::string file_ = SignedPassportJson(passport_);
};

TEST_F(SigningTest, KeysHaveDistinctSixteenDigitIds) {
  std::string id = key_.Public().Id();
  EXPECT_EQ(id.size(), 16u);
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(GenerateKey("other").Public().Id(), id);
  EXPECT_EQ(key_.Public().issuer, "ГБПОУ Колледж №1");
}

TEST_F(SigningTest, KeyFilesReadBackToTheSameKeys) {
  auto public_key = ParsePublicKey(PublicKeyFileText(key_.Public()), "issuer.pub");
  ASSERT_TRUE(public_key) << public_key.error().message;
  EXPECT_EQ(public_key->bytes, key_.Public().bytes);
  EXPECT_EQ(public_key->issuer, "ГБПОУ Колледж №1");
  auto secret_key = ParseSecretKey(SecretKeyFileText(key_), "issuer.key");
  ASSERT_TRUE(secret_key) << secret_key.error().message;
  EXPECT_EQ(secret_key->bytes(), key_.bytes());
}

TEST_F(SigningTest, PublicKeyFileIsDocumentedJsonWithoutTheSecret) {
  std::string text = PublicKeyFileText(key_.Public());
  auto json = ParseStrictJson(text, "issuer.pub");
  ASSERT_TRUE(json);
  EXPECT_EQ(json->Find("format")->string, "skillscore-public-key/1");
  EXPECT_EQ(json->Find("algorithm")->string, "ed25519");
  EXPECT_EQ(json->Find("key_id")->string, key_.Public().Id());
  EXPECT_EQ(json->Find("public_key")->string.size(), 44u);
  EXPECT_EQ(json->Find("secret_key"), nullptr);
}

TEST_F(SigningTest, KeyFileWhoseIdDoesNotMatchItsKeyIsRefused) {
  std::string text = PublicKeyFileText(key_.Public());
  std::string id = key_.Public().Id();
  text.replace(text.find(id), id.size(), "0000000000000000");
  EXPECT_EQ(ParsePublicKey(text, "issuer.pub").error().message,
            "key_id: \"0000000000000000\" is not the id of this key (" + id + ")");
}

TEST_F(SigningTest, KeyFileWithABadKeyIsRefused) {
  std::string text = PublicKeyFileText(key_.Public());
  std::size_t start = text.find("\"public_key\": \"") + 15;
  text.replace(start, 4, "!!!!");
  EXPECT_EQ(ParsePublicKey(text, "issuer.pub").error().message,
            "public_key: expected 32 bytes in base64");
  EXPECT_EQ(ParseSecretKey(PublicKeyFileText(key_.Public()), "issuer.key").error().message,
            "format: expected \"skillscore-secret-key/1\", found \"skillscore-public-key/1\"");
}

TEST_F(SigningTest, SecretKeyFileIsOwnerOnlyWhateverTheUmask) {
  TempDir dir;
  mode_t old_umask = umask(0);
  auto written = WriteKeyFiles(key_, dir.File("issuer.key"), dir.File("issuer.pub"));
  umask(old_umask);
  ASSERT_TRUE(written) << written.error().message;
  EXPECT_EQ(ModeOf(dir.File("issuer.key")), 0600);
  EXPECT_EQ(ModeOf(dir.File("issuer.pub")), 0644);
  EXPECT_EQ(ReadSecretKeyFile(dir.File("issuer.key"))->bytes(), key_.bytes());
  EXPECT_EQ(ReadPublicKeyFile(dir.File("issuer.pub"))->bytes, key_.Public().bytes);
}

TEST_F(SigningTest, KeysAreNeverOverwritten) {
  TempDir dir;
  ASSERT_TRUE(WriteKeyFiles(key_, dir.File("issuer.key"), dir.File("issuer.pub")));
  std::string secret = ReadFile(dir.File("issuer.key"));
  auto refused = WriteKeyFiles(GenerateKey("x"), dir.File("issuer.key"), dir.File("other.pub"));
  EXPECT_TRUE(refused.error().already_exists);
  EXPECT_EQ(refused.error().message,
            dir.File("issuer.key") + " already exists: a key is never overwritten");
  refused = WriteKeyFiles(GenerateKey("x"), dir.File("other.key"), dir.File("issuer.pub"));
  EXPECT_EQ(refused.error().message,
            dir.File("issuer.pub") + " already exists: a key is never overwritten");
  EXPECT_EQ(ReadFile(dir.File("issuer.key")), secret);
  EXPECT_FALSE(std::ifstream(dir.File("other.key")).good());
}

TEST_F(SigningTest, SecretKeyReadableByOthersIsRefused) {
  TempDir dir;
  ASSERT_TRUE(WriteKeyFiles(key_, dir.File("issuer.key"), dir.File("issuer.pub")));
  chmod(dir.File("issuer.key").c_str(), 0640);
  EXPECT_EQ(ReadSecretKeyFile(dir.File("issuer.key")).error().message,
            "permissions 0640 are too open: the secret key must be readable by its owner only "
            "(chmod 600 " +
                dir.File("issuer.key") + ")");
}

TEST_F(SigningTest, MissingKeyFileNamesTheReason) {
  EXPECT_EQ(ReadPublicKeyFile("/nonexistent/issuer.pub").error().message,
            "cannot read the file: No such file or directory");
}

TEST_F(SigningTest, SignatureCoversEveryByteOfTheMessage) {
  std::string signature = Sign(key_, "message");
  EXPECT_EQ(signature.size(), 88u);
  EXPECT_TRUE(VerifySignature(key_.Public(), "message", signature));
  EXPECT_FALSE(VerifySignature(key_.Public(), "messagE", signature));
  EXPECT_FALSE(VerifySignature(GenerateKey("other").Public(), "message", signature));
  EXPECT_FALSE(VerifySignature(key_.Public(), "message", "not base64"));
  EXPECT_FALSE(VerifySignature(key_.Public(), "message", signature.substr(4)));
}

TEST_F(SigningTest, IssuedRecordVerifiesAndReadsBack) {
  Verification verification = Verify(file_);
  EXPECT_EQ(verification.status, VerifyStatus::kValid);
  EXPECT_EQ(verification.record, SampleRecord());
  EXPECT_EQ(verification.public_key_id, key_.Public().Id());
}

TEST_F(SigningTest, SignedFileIsTheRecordWithSignatureAndKeyId) {
  auto json = ParseStrictJson(file_, "passport.json");
  ASSERT_TRUE(json);
  ASSERT_EQ(json->members.size(), 3u);
  EXPECT_EQ(json->members[0].first, "record");
  EXPECT_EQ(json->Find("signature")->string, passport_.signature);
  EXPECT_EQ(json->Find("public_key_id")->string, key_.Public().Id());
  EXPECT_TRUE(VerifySignature(key_.Public(), CanonicalJson(PassportJson(SampleRecord())),
                              passport_.signature));
}

// Calls `visit` with every scalar inside `value`.
void ForEachScalar(JsonNode& value, const std::function<void(JsonNode&)>& visit) {
  if (value.type == JsonNode::Type::kArray) {
    for (JsonNode& item : value.items) ForEachScalar(item, visit);
  } else if (value.type == JsonNode::Type::kObject) {
    for (auto& member : value.members) ForEachScalar(member.second, visit);
  } else {
    visit(value);
  }
}

TEST_F(SigningTest, ChangingAnyFieldOfTheRecordIsDetected) {
  JsonNode document = *ParseStrictJson(file_, "passport.json");
  int fields = 0;
  ForEachScalar(document.members[0].second, [&](JsonNode& field) {
    JsonNode original = field;
    field = field.type == JsonNode::Type::kString    ? JsonNode::String(field.string + "0")
            : field.type == JsonNode::Type::kInteger ? JsonNode::Integer(field.integer + 1)
                                                     : JsonNode::String("");
    EXPECT_EQ(Verify(PrettyJson(document)).status, VerifyStatus::kTampered)
        << CanonicalJson(original) << " → " << CanonicalJson(field);
    field = original;
    ++fields;
  });
  EXPECT_EQ(fields, 40);
  EXPECT_EQ(Verify(PrettyJson(document)).status, VerifyStatus::kValid);
}

TEST_F(SigningTest, AddingOrRemovingAPartIsDetected) {
  PassportRecord record = SampleRecord();
  record.modules.pop_back();
  SignedPassport forged{record, passport_.signature, passport_.public_key_id};
  EXPECT_EQ(Verify(SignedPassportJson(forged)).status, VerifyStatus::kTampered);
}

TEST_F(SigningTest, ChangingAnyByteOfTheFileIsDetected) {
  for (std::size_t i = 0; i < file_.size(); ++i) {
    std::string changed = file_;
    changed[i] = static_cast<char>(changed[i] ^ 1);
    EXPECT_NE(Verify(changed).status, VerifyStatus::kValid) << "byte " << i;
  }
}

TEST_F(SigningTest, ReformattingTheFileKeepsItValid) {
  JsonNode document = *ParseStrictJson(file_, "passport.json");
  EXPECT_EQ(Verify(CanonicalJson(document)).status, VerifyStatus::kValid);
}

TEST_F(SigningTest, RecordSignedWithAnotherKeyIsNotTheIssuers) {
  SecretKey forger = GenerateKey("ГБПОУ Колледж №1");
  Verification verification = Verify(SignedPassportJson(SignPassport(SampleRecord(), forger)));
  EXPECT_EQ(verification.status, VerifyStatus::kOtherKey);
  EXPECT_EQ(verification.public_key_id, forger.Public().Id());
  SignedPassport disguised = SignPassport(SampleRecord(), forger);
  disguised.public_key_id = key_.Public().Id();
  EXPECT_EQ(Verify(SignedPassportJson(disguised)).status, VerifyStatus::kTampered);
}

TEST_F(SigningTest, FileThatIsNotASignedRecordIsMalformed) {
  Verification verification = Verify("{\"record\": {}}");
  EXPECT_EQ(verification.status, VerifyStatus::kMalformed);
  EXPECT_EQ(verification.problem->message, "signature: missing");
  verification = Verify("%PDF-1.5");
  EXPECT_EQ(verification.status, VerifyStatus::kMalformed);
  EXPECT_EQ(FormatDiagnostic(*verification.problem),
            "passport.json:1:1: error: expected a JSON value");
}

TEST_F(SigningTest, SignedRevocationListIsNotAPassport) {
  RevocationList list{"ГБПОУ Колледж №1", "2026-05-01T08:00:00Z", {}};
  JsonNode document = *ParseStrictJson(SignedRevocationListJson(list, key_), "revoked.json");
  document.members[0].first = "record";
  Verification verification = Verify(PrettyJson(document));
  EXPECT_EQ(verification.status, VerifyStatus::kMalformed);
  EXPECT_EQ(verification.problem->message,
            "record.format: expected \"skillscore-passport/1\", found "
            "\"skillscore-revocations/1\"");
}

TEST_F(SigningTest, RevokedPassportIsReportedWithTheReason) {
  RevocationList list{"ГБПОУ Колледж №1",
                      "2026-05-01T08:00:00Z",
                      {{"DE-2026-0412-0001", "re-scored after an appeal", "2026-04-30T12:00:00Z"}}};
  auto read =
      ReadRevocationList(SignedRevocationListJson(list, key_), "revoked.json", key_.Public());
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(*read, list);
  Verification verification = Verify(file_, &*read);
  EXPECT_EQ(verification.status, VerifyStatus::kRevoked);
  EXPECT_EQ(verification.revocation, list.revoked[0]);
  list.revoked[0].number = "DE-2026-0412-0002";
  EXPECT_EQ(Verify(file_, &list).status, VerifyStatus::kValid);
}

TEST_F(SigningTest, RevocationListMustBeIntactAndTheIssuers) {
  RevocationList list{"ГБПОУ Колледж №1",
                      "2026-05-01T08:00:00Z",
                      {{"DE-2026-0412-0001", "re-scored", "2026-04-30T12:00:00Z"}}};
  std::string text = SignedRevocationListJson(list, key_);
  std::string emptied = text;
  emptied.replace(emptied.find("DE-2026-0412-0001"), 17, "DE-2026-0412-0009");
  EXPECT_EQ(ReadRevocationList(emptied, "revoked.json", key_.Public()).error().message,
            "the revocation list does not match its signature: it was changed after it was "
            "signed");
  SecretKey other = GenerateKey("x");
  EXPECT_EQ(ReadRevocationList(SignedRevocationListJson(list, other), "revoked.json", key_.Public())
                .error()
                .message,
            "the revocation list is signed with key " + other.Public().Id() +
                ", not with the issuer's key " + key_.Public().Id());
  EXPECT_EQ(ReadRevocationList(file_, "revoked.json", key_.Public()).error().message,
            "revocations: missing");
}

}  // namespace
}  // namespace skillscore
